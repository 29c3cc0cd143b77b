import fp from 'fastify-plugin'
import cors from '@fastify/cors'

/** Every method a route of the API answers: a preflight for any of them must succeed. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']

/** The request headers the service reads (beyond the ones browsers may always send). */
export const CORS_REQUEST_HEADERS = [
  'authorization', 'content-type', 'if-none-match', 'last-event-id', 'mcp-protocol-version', 'mcp-session-id'
]

/** The response headers a page on another origin may read. */
export const CORS_EXPOSED_HEADERS = [
  'x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset',
  'x-conversation-id', 'x-message-id', 'content-disposition', 'etag', 'mcp-session-id', 'mcp-protocol-version'
]

/**
 * CORS for pages on the other origins listed in PODPLAY_CORS_ORIGINS. The service's own pages are
 * same-origin and need none of it; origins that are neither were refused by the origin policy
 * before this runs. So with none listed nothing is registered: no answer would carry a CORS header,
 * and every request would still pay @fastify/cors's hook. A browser caches an answered preflight
 * for ten minutes.
 */
export default fp(async (fastify) => {
  if (fastify.config.corsOrigins.length === 0) return
  await fastify.register(cors, {
    origin: fastify.config.corsOrigins,
    credentials: true,
    methods: CORS_METHODS,
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 600
  })
}, { name: 'cors', dependencies: ['config', 'origin-policy'] })
