import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { TrendingQuery, TrendingResponse } from '../../../schemas/marketplace.js'

const trending: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/trending', {
    schema: {
      operationId: 'listTrendingMcpServers',
      tags: ['mcp'],
      summary: 'Active servers with the most installs in the last 30 days, then the most popular',
      querystring: TrendingQuery,
      response: { 200: TrendingResponse, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => ({ servers: await fastify.marketplace.trending(request.query.limit, request.principal!.userId) }))
}

export default trending
