import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotModified, authErrors } from '../../../schemas/common.js'
import { CategoriesResponse } from '../../../schemas/marketplace.js'

const categories: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/categories', {
    schema: {
      operationId: 'listMcpCategories',
      tags: ['mcp'],
      summary: 'The twelve categories with how many listed servers each has',
      description: 'The answer has an ETag; send it back in If-None-Match to get 304 while the counts are unchanged.',
      response: { 200: CategoriesResponse, 304: NotModified, ...authErrors }
    }
  }, async (_request, reply) => reply.notModified(fastify.marketplace.categoriesVersion()) ? reply : fastify.marketplace.categories())
}

export default categories
