import type { FastifyError, FastifyInstance } from 'fastify'

/**
 * /mcp takes the same bearer tokens as /api (it is outside /api's hooks, so it asks itself). A
 * refusal says how to authenticate, as MCP clients expect of a 401.
 */
export default async function (fastify: FastifyInstance) {
  fastify.addHook('onRequest', function (request, reply, done) {
    fastify.requireToken.call(this, request, reply, (error?: Error) => {
      if ((error as FastifyError | undefined)?.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="podplay-sanctuary"')
      done(error)
    })
  })
}
