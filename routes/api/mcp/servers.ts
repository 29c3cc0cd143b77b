import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from '@sinclair/typebox'
import { LRUCache } from 'lru-cache'
import { ErrorRef, NotModified, authErrors } from '../../../schemas/common.js'
import { InstallBody, McpInstall, McpServer, McpServerPage, McpServerSummary, SearchQuery, ServerNameParams } from '../../../schemas/marketplace.js'
import { memoizedSerializer } from '../../../plugins/memoized-json.js'

type Serialize = (value: object) => string
const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Sends JSON already encoded, as it is: a string would be encoded and measured again on every
 * send. (The typed reply only knows the schema's objects, hence the plain reply.)
 */
function sendEncoded (reply: FastifyReply, bytes: Buffer): FastifyReply {
  return reply.type(JSON_TYPE).send(bytes)
}

/** What the JSON of recent search pages may take, in bytes. */
const PAGES_REMEMBERED_BYTES = 8 * 1024 * 1024

const servers: FastifyPluginAsyncTypebox = async (fastify) => {
  // Summaries and details are built once per catalog entry, so each is serialized once too (with
  // the route's own serializer for its schema); a page is its summaries' JSON put together.
  let summaryJson: Serialize | undefined
  let detailBytes: ((server: McpServer) => Buffer) | undefined
  // A page's JSON follows from its validator (its servers' revisions, the caller's installs, the
  // total and the cursor), so recent pages' bytes are kept by it: a popular page is put together
  // and encoded once.
  const pageBytes = new LRUCache<string, Buffer>({ maxSize: PAGES_REMEMBERED_BYTES, sizeCalculation: (bytes) => bytes.length })
  fastify.get('/servers', {
    schema: {
      operationId: 'searchMcpServers',
      tags: ['mcp'],
      summary: 'Search the catalog: ranked full text with prefixes and typos forgiven, boosted by popularity; filters, sort and cursor pages',
      description: 'The answer has an ETag; send it back in If-None-Match to get 304 while the page is unchanged.',
      querystring: SearchQuery,
      response: { 200: McpServerPage, 304: NotModified, 400: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    const page = await fastify.marketplace.search(request.query, request.principal!.userId)
    const version = fastify.marketplace.searchVersion(page)
    if (reply.notModified(version)) return reply
    let bytes = pageBytes.get(version)
    if (bytes === undefined) {
      const summary = summaryJson ??= memoizedSerializer(reply.compileSerializationSchema(McpServerSummary) as Serialize)
      bytes = Buffer.from(`{"items":[${page.items.map(summary).join(',')}],"next_cursor":${JSON.stringify(page.next_cursor)},"total":${page.total}}`)
      pageBytes.set(version, bytes)
    }
    return sendEncoded(reply, bytes)
  })

  fastify.get('/servers/:name', {
    schema: {
      operationId: 'getMcpServer',
      tags: ['mcp'],
      summary: 'One catalog server by its exact name (a registry name\'s slash is sent as %2F), with what an install takes',
      description: 'The answer has an ETag; send it back in If-None-Match to get 304 while the server is unchanged.',
      params: ServerNameParams,
      response: { 200: Type.Ref(McpServer), 304: NotModified, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    const server = await fastify.marketplace.getServer(request.params.name, request.principal!.userId)
    if (reply.notModified(fastify.marketplace.serverVersion(server))) return reply
    if (detailBytes === undefined) {
      const serialize = reply.compileSerializationSchema(McpServer) as Serialize
      detailBytes = memoizedSerializer((detail: McpServer) => Buffer.from(serialize(detail)))
    }
    return sendEncoded(reply, detailBytes(server))
  })

  fastify.post('/servers/:name/install', {
    schema: {
      operationId: 'installMcpServer',
      tags: ['mcp'],
      summary: 'Install a server for the calling user with values for its environment variables and arguments; secrets are stored encrypted',
      params: ServerNameParams,
      body: InstallBody,
      response: { 201: Type.Ref(McpInstall), 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 422: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    const install = await fastify.marketplace.install(request.principal!.userId, request.params.name, request.body ?? {})
    return reply.code(201).send(install)
  })

  fastify.delete('/servers/:name/install', {
    schema: {
      operationId: 'uninstallMcpServer',
      tags: ['mcp'],
      summary: 'Uninstall a server for the calling user; its stored values are deleted',
      params: ServerNameParams,
      response: { 204: Type.Null(), 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    await fastify.marketplace.uninstall(request.principal!.userId, request.params.name)
    return reply.code(204).send(null)
  })
}

export default servers
