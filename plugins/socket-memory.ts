import { ServerResponse } from 'node:http'
import type { TypedServer } from '../sockets/types.js'
import type { UpgradeResponse } from './socket-origin.js'

/**
 * Lets each connection's first HTTP request (its headers, its URL, its parsed query: about 1.5 KB)
 * be collected once the handshake is over, instead of living as long as the connection: across
 * thousands of idle sockets that is megabytes. Nothing here reads it after the origin check and the
 * token. Two things hold it: the engine.io socket (dropped as Socket.IO's memory-usage guide shows)
 * and, for a WebSocket upgrade, the stand-in response engine.io gives its middlewares, which keeps
 * the request until the connection closes although nothing uses it after the middlewares ran. Must
 * be the last engine.io middleware.
 */
export function releaseHandshakeRequests (io: TypedServer): void {
  io.engine.use((_request: unknown, response: ServerResponse | UpgradeResponse, next: () => void) => {
    if (!(response instanceof ServerResponse)) response.req = null
    next()
  })
  io.engine.on('connection', (rawSocket: { request: unknown }) => { rawSocket.request = null })
}
