import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { RecommendationList, RecommendationsQuery } from '../../../schemas/discovery.js'

/** The discovery agent's recommendations, from what a workspace's manifests say it uses. */
const discovery: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/recommendations', {
    schema: {
      operationId: 'getDiscoveryRecommendations',
      tags: ['discovery'],
      summary: 'MCP servers your workspace uses but you have not installed, each with its reason',
      querystring: RecommendationsQuery,
      response: { 200: RecommendationList, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const userId = request.principal!.userId
    const workspaceId = request.query.workspace_id
    const recommendations = workspaceId
      ? await fastify.discovery.recommend(userId, workspaceId)
      : await fastify.discovery.recommendForUser(userId)
    return { workspace_id: workspaceId ?? null, recommendations, generated_at: new Date().toISOString() }
  })
}

export default discovery
