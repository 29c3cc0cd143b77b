import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

/** The machine-readable contracts; public so SDK generators can fetch them. */
const contract: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/openapi.json', { config: { rateLimit: false }, schema: { hide: true } }, async () => fastify.swagger())
  fastify.get('/asyncapi.json', { config: { rateLimit: false }, schema: { hide: true } }, async () => fastify.asyncapi())
}

export default contract
