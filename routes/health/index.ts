import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Health, Liveness, Readiness } from '../../schemas/health.js'
import { version } from '../../plugins/version.js'

/** Probes are public, never rate limited, timed or logged above debug: orchestrators call them on a timer. */
const probe = { rateLimit: false, probe: true } as const

/**
 * The time as ISO 8601, formatted at most once a millisecond: a probe under load asks many times a
 * millisecond. (Probe handlers are plain functions, too: an async one costs a promise each time.)
 */
let formattedAt = 0
let formatted = ''
function isoNow (): string {
  const now = Date.now()
  if (now !== formattedAt) {
    formattedAt = now
    formatted = new Date(now).toISOString()
  }
  return formatted
}

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', {
    config: probe,
    compress: false,
    prefixTrailingSlash: 'no-slash',
    schema: {
      operationId: 'getHealth',
      tags: ['health'],
      summary: 'Service health, in the original system\'s shape',
      security: [],
      response: { 200: Health }
    }
  }, () => ({ status: 'healthy' as const, service: 'podplay-sanctuary' as const, version, timestamp: isoNow() }))

  fastify.get('/live', {
    config: probe,
    compress: false,
    schema: {
      operationId: 'getLiveness',
      tags: ['health'],
      summary: 'Liveness: the process answers',
      security: [],
      response: { 200: Liveness }
    }
  }, () => ({ status: 'alive' as const, uptime_seconds: Math.round(process.uptime()) }))

  fastify.get('/ready', {
    config: probe,
    compress: false,
    schema: {
      operationId: 'getReadiness',
      tags: ['health'],
      summary: 'Readiness of every registered service; 503 names the failing essential ones (200 `degraded` for the others)',
      security: [],
      response: { 200: Type.Ref(Readiness), 503: Type.Ref(Readiness) }
    }
  }, async (_request, reply) => {
    const readiness = await fastify.health.readiness()
    return reply.code(readiness.status === 'not_ready' ? 503 : 200).send(readiness)
  })
}

export default health
