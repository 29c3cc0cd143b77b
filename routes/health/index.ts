import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Health, Liveness, Readiness } from '../../schemas/health.js'
import { version } from '../../plugins/version.js'

/** Probes are public and never rate limited: orchestrators call them on a timer. */
const probe = { rateLimit: false } as const

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', {
    config: probe,
    prefixTrailingSlash: 'no-slash',
    schema: {
      operationId: 'getHealth',
      tags: ['health'],
      summary: 'Service health, in the original system\'s shape',
      security: [],
      response: { 200: Health }
    }
  }, async () => ({ status: 'healthy' as const, service: 'podplay-sanctuary' as const, version, timestamp: new Date().toISOString() }))

  fastify.get('/live', {
    config: probe,
    schema: {
      operationId: 'getLiveness',
      tags: ['health'],
      summary: 'Liveness: the process answers',
      security: [],
      response: { 200: Liveness }
    }
  }, async () => ({ status: 'alive' as const, uptime_seconds: Math.round(process.uptime()) }))

  fastify.get('/ready', {
    config: probe,
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
