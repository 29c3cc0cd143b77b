import type { FastifyInstance } from 'fastify'

/** Everything under /api needs a valid token with the route's scope. */
export default async function (fastify: FastifyInstance) {
  fastify.addHook('onRequest', fastify.requireToken)
}
