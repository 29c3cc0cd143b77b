import { Server as NetServer, type Socket } from 'node:net'
import type { ServerResponse } from 'node:http'
import fp from 'fastify-plugin'

/**
 * How long a keep-alive connection that is idle when the shutdown begins stays open for a request
 * that may already be on its way. A client in a loop sends its next request within milliseconds of
 * the last answer; closing the connection under it would lose that request with no way to tell
 * whether the server saw it.
 */
export const IDLE_GRACE_MS = 1000

interface Connection {
  /** Requests received and not yet answered (more than one when a client pipelines). */
  inFlight: number
  /** The newest response: responses go out in order, so a `Connection: close` belongs on this one. */
  response?: ServerResponse
  idleTimer?: NodeJS.Timeout
}

/**
 * Ends HTTP connections at shutdown without cutting a request. From the moment the shutdown
 * begins, the listener is closed (a new connection is refused, which a client can safely retry
 * elsewhere) and every response says `Connection: close`, after which Node ends its connection.
 * A request that arrives on a connection still open is served the same way. A connection idle at
 * that moment is closed only after IDLE_GRACE_MS without a request. Whatever is still open after
 * half the shutdown grace is closed, leaving the other half to the services' own shutdown.
 * Upgraded connections belong to the socket servers and are left to them.
 */
export default fp(async (fastify) => {
  const connections = new Map<Socket, Connection>()
  let draining = false
  let drained = () => {}

  fastify.server.on('connection', (socket: Socket) => {
    connections.set(socket, { inFlight: 0 })
    socket.once('close', () => {
      clearTimeout(connections.get(socket)?.idleTimer)
      connections.delete(socket)
      if (draining && connections.size === 0) drained()
    })
  })
  fastify.server.on('upgrade', (request: { socket: Socket }) => { connections.delete(request.socket) })

  /** Closes a connection that stays without a request for the idle grace. */
  function closeWhenIdle (socket: Socket, connection: Connection): void {
    clearTimeout(connection.idleTimer)
    connection.idleTimer = setTimeout(() => { if (connection.inFlight === 0) socket.destroy() }, IDLE_GRACE_MS)
  }

  // Callback hooks, as cheap as they can be: they run on every request. Per request: a Map look-up
  // and two field writes on the way in, the same on the way out.
  fastify.addHook('onRequest', (request, reply, done) => {
    const connection = connections.get(request.raw.socket)
    if (connection) {
      connection.inFlight += 1
      connection.response = reply.raw
      if (draining) {
        clearTimeout(connection.idleTimer)
        reply.raw.setHeader('connection', 'close')
      }
    }
    done()
  })
  fastify.addHook('onResponse', (request, _reply, done) => {
    const socket = request.raw.socket
    const connection = connections.get(socket)
    if (connection) {
      connection.inFlight -= 1
      if (connection.inFlight === 0) connection.response = undefined
      // A response that said close ends its connection; one whose headers went out before the
      // shutdown began did not, and its client may send again.
      if (draining && connection.inFlight === 0) closeWhenIdle(socket, connection)
    }
    done()
  })

  fastify.addHook('preClose', async () => {
    draining = true
    // http.Server#close would also destroy every idle keep-alive connection at once, racing the
    // requests their clients are sending; net.Server's own close only stops accepting.
    if (fastify.server.listening) NetServer.prototype.close.call(fastify.server)
    if (connections.size === 0) return
    for (const [socket, connection] of connections) {
      if (connection.inFlight === 0) closeWhenIdle(socket, connection)
      else if (connection.response && !connection.response.headersSent) connection.response.setHeader('connection', 'close')
    }
    let deadline: NodeJS.Timeout | undefined
    await new Promise<void>((resolve) => {
      drained = resolve
      deadline = setTimeout(resolve, fastify.config.shutdownGraceMs / 2)
    })
    clearTimeout(deadline)
    for (const socket of connections.keys()) socket.destroy()
  })
}, { name: 'connection-drain', dependencies: ['config'] })
