import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'

/** Answers 503 with Retry-After instead of queueing work when the event loop is saturated. */
export default fp(async (fastify) => {
  await fastify.register(underPressure, {
    maxEventLoopDelay: fastify.config.maxEventLoopDelayMs,
    retryAfter: 10,
    exposeStatusRoute: false
  })
}, { name: 'under-pressure', dependencies: ['config'] })
