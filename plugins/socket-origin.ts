import { randomUUID } from 'node:crypto'
import { ServerResponse, STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import type { FastifyBaseLogger } from 'fastify'
import type { OriginPolicy, Refusal } from './origin-policy.js'

/** What engine.io hands its middlewares for an upgrade: no real response, only the socket (and the request it keeps). */
export interface UpgradeResponse {
  socket: Socket
  req: unknown
}

function refusalBody (refusal: Refusal, requestId: string): string {
  return JSON.stringify({ statusCode: refusal.statusCode, error: STATUS_CODES[refusal.statusCode], message: refusal.message, code: refusal.code, request_id: requestId })
}

/**
 * An engine.io middleware applying the origin policy to Socket.IO's own requests (its polling
 * requests never reach Fastify, and its upgrades are answered by engine.io, not a route). A refusal
 * is the service's usual 403 error body; engine.io's own refusal would be a 400 with a bare text.
 */
export function socketOriginGuard (policy: OriginPolicy, log: FastifyBaseLogger) {
  return (request: IncomingMessage, response: ServerResponse | UpgradeResponse, next: (error?: unknown) => void) => {
    const refusal = policy.refusal(request.headers, (request.socket as TLSSocket).encrypted === true)
    if (!refusal) {
      next()
      return
    }
    const requestId = randomUUID()
    log.info({ code: refusal.code, host: request.headers.host, origin: request.headers.origin, request_id: requestId }, 'Socket.IO request refused')
    const body = refusalBody(refusal, requestId)
    const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-request-id': requestId, connection: 'close' }
    if (response instanceof ServerResponse) {
      response.writeHead(refusal.statusCode, headers).end(body)
      return
    }
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')
    response.socket.end(`HTTP/1.1 ${refusal.statusCode} ${STATUS_CODES[refusal.statusCode]}\r\n${head}\r\n${body}`)
  }
}
