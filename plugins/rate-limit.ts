import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { LRUCache } from 'lru-cache'

/** Keys of the tokens in use, so a busy client's key is hashed once rather than on every request. */
const KEYS_CACHED = 10_000

/**
 * Limits requests per minute, keyed by bearer token when one is sent (so users behind one address
 * do not share a budget) and by address otherwise. Health probes opt out in their route config.
 */
export default fp(async (fastify) => {
  const tokenKeys = new LRUCache<string, string>({ max: KEYS_CACHED })
  await fastify.register(rateLimit, {
    max: fastify.config.rateLimitMax,
    timeWindow: 60_000,
    keyGenerator (request) {
      const authorization = request.headers.authorization
      if (authorization) {
        let key = tokenKeys.get(authorization)
        if (key === undefined) {
          key = `token:${createHash('sha256').update(authorization).digest('base64url')}`
          tokenKeys.set(authorization, key)
        }
        return key
      }
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
