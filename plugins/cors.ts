import fp from 'fastify-plugin'
import cors from '@fastify/cors'

declare module 'fastify' {
  interface FastifyInstance {
    /** True for an allowlisted Origin, and for none at all (non-browser clients send none). */
    isAllowedOrigin: (origin: string | undefined) => boolean
  }
}

/**
 * CORS for HTTP from the configured allowlist. WebSocket upgrades are not covered by CORS, so the
 * same allowlist is exposed for the socket and websocket plugins to check Origin themselves.
 */
export default fp(async (fastify) => {
  const allowed = new Set(fastify.config.corsOrigins)
  fastify.decorate('isAllowedOrigin', (origin: string | undefined) => origin === undefined || allowed.has(origin))
  await fastify.register(cors, {
    origin: [...allowed],
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']
  })
}, { name: 'cors', dependencies: ['config'] })
