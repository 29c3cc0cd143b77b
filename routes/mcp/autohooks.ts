import type { FastifyError, FastifyInstance } from 'fastify'

/**
 * /mcp takes the same bearer tokens as /api (it is outside /api's hooks, so it asks itself). A
 * refusal says how to authenticate, as MCP clients expect of a 401.
 */
export default async function (fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    try {
      await fastify.requireToken(request)
    } catch (error) {
      if ((error as FastifyError).statusCode === 401) reply.header('www-authenticate', 'Bearer realm="podplay-sanctuary"')
      throw error
    }
  })
}
