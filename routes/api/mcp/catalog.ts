import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { ImportReport } from '../../../schemas/marketplace.js'

/** Large enough for the whole MCP Registry in one document. */
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024

const catalog: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/catalog/import', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { scope: 'admin' },
    schema: {
      operationId: 'importMcpCatalog',
      tags: ['mcp'],
      summary: 'Import a catalog document: an MCP Registry list, an array of server.json, the legacy seed, or a Podplay catalog',
      description: 'Each entry is checked on its own; the report counts imported, updated, unchanged and rejected (with reasons), adding up to the entries given. All writes happen in one transaction.',
      body: Type.Unknown({ description: 'the document itself (up to 20 MiB)' }),
      response: { 200: Type.Ref(ImportReport), 400: ErrorRef, 413: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.marketplace.importCatalog(request.body))
}

export default catalog
