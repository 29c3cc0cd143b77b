import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProvidersReport } from '../../../schemas/chat.js'
import { authErrors } from '../../../schemas/common.js'

const providers: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/providers', {
    schema: {
      operationId: 'listAiProviders',
      tags: ['chat'],
      summary: 'The AI providers: which is active, which are configured, whether they answer and their models',
      response: { 200: ProvidersReport, ...authErrors }
    }
  }, async () => ({ active: fastify.mamaBear.provider.name, providers: await fastify.mamaBear.providersReport() }))
}

export default providers
