import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { createHash } from 'node:crypto'

/**
 * Limits requests per minute, keyed by bearer token when one is sent (so users behind one address
 * do not share a budget) and by address otherwise. Health probes opt out in their route config.
 */
export default fp(async (fastify) => {
  await fastify.register(rateLimit, {
    max: fastify.config.rateLimitMax,
    timeWindow: 60_000,
    keyGenerator (request) {
      const authorization = request.headers.authorization
      if (authorization) return `token:${createHash('sha256').update(authorization).digest('base64url')}`
      return `ip:${request.ip}`
    },
    errorResponseBuilder (_request, context) {
      return Object.assign(new Error(`Rate limit exceeded: ${context.max} requests per minute; retry in ${context.after}`), {
        statusCode: 429,
        code: 'RATE_LIMITED'
      })
    }
  })
}, { name: 'rate-limit', dependencies: ['config'] })
