import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authErrors } from '../../../schemas/common.js'
import { CategoriesResponse } from '../../../schemas/marketplace.js'

const categories: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/categories', {
    schema: {
      operationId: 'listMcpCategories',
      tags: ['mcp'],
      summary: 'The twelve categories with how many listed servers each has',
      response: { 200: CategoriesResponse, ...authErrors }
    }
  }, async () => fastify.marketplace.categories())
}

export default categories
