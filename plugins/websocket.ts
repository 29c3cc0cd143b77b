import fp from 'fastify-plugin'
import websocket from '@fastify/websocket'

/**
 * Raw WebSocket routes (terminals). Browsers send Origin on every upgrade but CORS never applies to
 * it; the origin policy's hook refuses a cross-site page's upgrade before the route sees it.
 */
export default fp(async (fastify) => {
  await fastify.register(websocket, { options: { maxPayload: 1_048_576 } })
}, { name: 'websocket' })
