import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { ClientConfig, ClientConfigQuery, InstalledQuery, McpInstall, McpInstallPage, ServerNameParams, UpdateInstallBody } from '../../../schemas/marketplace.js'

const installed: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/installed', {
    schema: {
      operationId: 'listInstalledMcpServers',
      tags: ['mcp'],
      summary: 'The calling user\'s installs, by name (secret values are never shown, only which are set)',
      querystring: InstalledQuery,
      response: { 200: McpInstallPage, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    return await fastify.marketplace.pageInstalled(request.principal!.userId, request.query.limit, request.query.cursor)
  })

  fastify.get('/installed/:name', {
    schema: {
      operationId: 'getInstalledMcpServer',
      tags: ['mcp'],
      summary: 'One of the calling user\'s installs',
      params: ServerNameParams,
      response: { 200: Type.Ref(McpInstall), 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.marketplace.getInstall(request.principal!.userId, request.params.name))

  fastify.patch('/installed/:name', {
    schema: {
      operationId: 'updateInstalledMcpServer',
      tags: ['mcp'],
      summary: 'Change an install\'s values (null removes one, unnamed ones stay) or auto_restart; a running server gets them at its next start',
      params: ServerNameParams,
      body: UpdateInstallBody,
      response: { 200: Type.Ref(McpInstall), 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.marketplace.updateInstall(request.principal!.userId, request.params.name, request.body))

  fastify.get('/installed/:name/config', {
    schema: {
      operationId: 'getMcpClientConfig',
      tags: ['mcp'],
      summary: 'The exact JSON Claude Desktop, VS Code or Cursor expects for this install; secrets are placeholders unless include_secrets=true',
      params: ServerNameParams,
      querystring: ClientConfigQuery,
      response: { 200: ClientConfig, 400: ErrorRef, 404: ErrorRef, 422: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { client, include_secrets: includeSecrets } = request.query
    return await fastify.marketplace.clientConfig(request.principal!.userId, request.params.name, client, includeSecrets)
  })
}

export default installed
