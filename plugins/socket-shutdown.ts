import type { TypedServer } from '../sockets/types.js'

export const SHUTDOWN_MESSAGE = 'Podplay Sanctuary is shutting down; reconnect in a moment'

/**
 * Tells every socket of this instance why it is about to lose its connection, then closes the
 * connection underneath (once that message is flushed). The client sees the transport close, not a
 * deliberate disconnect, so socket.io-client reconnects by itself — to another instance, or to
 * this one once it is back.
 */
export function announceShutdown (io: TypedServer): void {
  for (const socket of io.of('/').sockets.values()) {
    socket.emit('server_shutdown', { reason: 'server_shutdown', message: SHUTDOWN_MESSAGE })
    socket.conn.close()
  }
}
