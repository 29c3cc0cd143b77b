import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { RecommendationsQuery, RecommendationsResponse } from '../../../schemas/marketplace.js'

const recommendations: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/recommendations', {
    schema: {
      operationId: 'listMcpRecommendations',
      tags: ['mcp'],
      summary: 'Servers for a kind of project (the original\'s mapping), leaving out what the caller installed',
      querystring: RecommendationsQuery,
      response: { 200: RecommendationsResponse, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.marketplace.recommendations(request.principal!.userId, request.query.project_type))
}

export default recommendations
