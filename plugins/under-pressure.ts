import fp from 'fastify-plugin'
import createError from '@fastify/error'
import underPressure from '@fastify/under-pressure'

const RETRY_AFTER_SECONDS = 10
const UnderPressureError = createError('FST_UNDER_PRESSURE', 'Service Unavailable: the server is under pressure; retry later', 503)

/**
 * Answers 503 with Retry-After instead of queueing work when the event loop is saturated
 * (PODPLAY_MAX_EVENT_LOOP_DELAY_MS=0 turns it off). Socket.IO upgrades pass: engine.io owns those
 * sockets, and an HTTP answer written into one would only surface as an opaque "websocket error".
 */
export default fp(async (fastify) => {
  await fastify.register(underPressure, {
    maxEventLoopDelay: fastify.config.maxEventLoopDelayMs,
    exposeStatusRoute: false,
    async pressureHandler (request, reply) {
      if (request.ws && request.url.startsWith('/socket.io/')) return
      reply.header('retry-after', RETRY_AFTER_SECONDS)
      throw new UnderPressureError()
    }
  })
}, { name: 'under-pressure', dependencies: ['config', 'websocket'] })
