import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { authErrors } from '../../../schemas/common.js'
import { DevEnvironment } from '../../../schemas/dev.js'

const environment: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/environment', {
    schema: {
      operationId: 'getDevEnvironment',
      tags: ['dev'],
      summary: 'Versions of node, npm, git and python as the service finds them, and the OS, CPU and memory',
      response: { 200: Type.Ref(DevEnvironment), ...authErrors }
    }
  }, async () => await fastify.devEnvironment.report())
}

export default environment
