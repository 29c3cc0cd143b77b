import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import { levelEnabled } from './lazy-logger.js'

/**
 * One structured line per request (instead of Fastify's "incoming" and "completed" pair), with the
 * request id, the route pattern, the status and the duration. Health probes log at debug so an
 * orchestrator's polling does not drown everything else.
 */
export class RequestLog extends LogController {
  constructor () {
    super({ requestIdLogLabel: 'request_id' })
  }

  override incomingRequest (): void {}

  override requestCompleted (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const level = error ? 'error' : request.routeOptions.config.probe ? 'debug' : 'info'
    // Nothing is built for a line the level leaves out (a probe's, or every one at LOG_LEVEL=warn).
    if (!levelEnabled(reply.log.level, level)) return
    const route = request.routeOptions.url ?? 'unmatched'
    const line = {
      method: request.method,
      route,
      url: request.url,
      status: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
      user: request.principal?.userName,
      ...(error ? { err: error } : {})
    }
    reply.log[level](line, error ? 'request errored' : 'request')
  }
}
