import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef } from '../schemas/common.js'

/** Prometheus scrape endpoint; it needs a read token unless PODPLAY_METRICS_PUBLIC is true. */
const metrics: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/metrics', {
    config: { rateLimit: false },
    onRequest: fastify.config.metricsPublic ? [] : [fastify.requireToken],
    schema: {
      operationId: 'getMetrics',
      tags: ['control'],
      summary: 'Prometheus metrics (text exposition format)',
      ...(fastify.config.metricsPublic ? { security: [] } : {}),
      response: {
        200: { content: { 'text/plain': { schema: Type.String({ description: 'Prometheus text exposition format 0.0.4' }) } } },
        401: ErrorRef,
        403: ErrorRef
      }
    }
  }, async (_request, reply) => {
    const { registry } = fastify.metrics
    return reply.type(registry.contentType).send(await registry.metrics())
  })
}

export default metrics
