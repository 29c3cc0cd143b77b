import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { InstalledServerParams, McpResourceList, McpResourceRead, ResourceReadQuery } from '../../../schemas/mcp-runtime.js'

const tags = ['mcp-runtime']

/** The resources of a running server, through its live connection. */
const resources: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/installed/:name/resources', {
    schema: {
      operationId: 'listMcpServerResources',
      tags,
      summary: 'The resources and resource templates of a running server (cached until the server says they changed)',
      params: InstalledServerParams,
      response: { 200: McpResourceList, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 504: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { name } = request.params
    return { name, ...await fastify.mcpRuntime.listResources(request.principal!.userId, name) }
  })

  fastify.get('/installed/:name/resources/read', {
    schema: {
      operationId: 'readMcpServerResource',
      tags,
      summary: 'Read one resource of a running server, by a listed URI or one expanded from a template; a read past the timeout is cancelled (504)',
      params: InstalledServerParams,
      querystring: ResourceReadQuery,
      response: { 200: McpResourceRead, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 504: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { name } = request.params
    const { uri } = request.query
    return { name, uri, contents: await fastify.mcpRuntime.readResource(request.principal!.userId, name, uri) }
  })
}

export default resources
