import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SearchPage, SearchQuery } from '../../../schemas/chat.js'
import { ErrorRef, authErrors } from '../../../schemas/common.js'

const search: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/search', {
    schema: {
      operationId: 'searchChatMessages',
      tags: ['chat'],
      summary: 'Find text in your messages and Mama Bear\'s answers, newest first',
      querystring: SearchQuery,
      response: { 200: SearchPage, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { q, limit, cursor } = request.query
    return await fastify.mamaBear.search(request.principal!.userId, q, { limit, cursor })
  })
}

export default search
