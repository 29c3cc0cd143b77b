import type { Socket } from 'node:net'
import fp from 'fastify-plugin'

/**
 * Lets `close()` finish as soon as the requests in flight are answered. Node closes only the
 * keep-alive connections that are idle when the server closes; a connection opened but not yet used
 * (clients open spares) or one answering then (a chat stream) would otherwise stay open until its
 * timeout and hold the shutdown up. Upgraded connections are left to the socket servers that own them.
 */
export default fp(async (fastify) => {
  /** Open connections and how many requests each has in flight. */
  const inFlight = new Map<Socket, number>()
  let closing = false

  fastify.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0)
    socket.once('close', () => inFlight.delete(socket))
  })
  fastify.server.on('upgrade', (request: { socket: Socket }) => { inFlight.delete(request.socket) })

  // Callback hooks: they run on every request, and an async hook costs a promise each time.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const socket = request.raw.socket
    const count = inFlight.get(socket)
    if (count !== undefined) inFlight.set(socket, count + 1)
    done()
  })
  fastify.addHook('onResponse', (request, _reply, done) => {
    const socket = request.raw.socket
    const count = inFlight.get(socket)
    if (count !== undefined) {
      inFlight.set(socket, count - 1)
      if (closing && count === 1) socket.end()
    }
    done()
  })
  fastify.addHook('preClose', async () => {
    closing = true
    for (const [socket, count] of inFlight) if (count === 0) socket.destroy()
  })
}, { name: 'connection-drain' })
