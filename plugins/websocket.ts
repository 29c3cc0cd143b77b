import fp from 'fastify-plugin'
import websocket from '@fastify/websocket'

/**
 * Raw WebSocket routes (terminals). Browsers send Origin on every upgrade but CORS never applies to
 * it, so a cross-site page could otherwise open a socket with the user's token: refuse those here.
 */
export default fp(async (fastify) => {
  await fastify.register(websocket, { options: { maxPayload: 1_048_576 } })
  // A callback hook, since it runs on every HTTP request too: an async one costs a promise each time.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.ws || request.url.startsWith('/socket.io/') || fastify.isAllowedOrigin(request.headers.origin)) {
      done()
      return
    }
    reply.code(403).send({
      statusCode: 403,
      error: 'Forbidden',
      message: `Origin ${request.headers.origin} is not allowed`,
      code: 'ORIGIN_NOT_ALLOWED',
      request_id: request.id
    })
  })
}, { name: 'websocket', dependencies: ['cors'] })
