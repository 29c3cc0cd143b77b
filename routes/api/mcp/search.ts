import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { OriginalSearchQuery, OriginalSearchResponse } from '../../../schemas/marketplace.js'

/** The original system's search, for its clients; the same search as GET /servers. */
const search: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/search', {
    schema: {
      operationId: 'searchMcpServersOriginal',
      tags: ['mcp'],
      summary: 'Search the catalog in the original system\'s shape ({success, servers, total, returned, query, filters})',
      querystring: OriginalSearchQuery,
      response: { 200: OriginalSearchResponse, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { query, category, official_only: officialOnly, limit } = request.query
    const found = await fastify.marketplace.search({ query, category, official: officialOnly ? true : undefined, limit }, request.principal!.userId)
    return {
      success: true as const,
      servers: found.items,
      total: found.total,
      returned: found.items.length,
      query,
      filters: { category: category ?? null, official_only: officialOnly }
    }
  })
}

export default search
