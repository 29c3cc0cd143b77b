import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'
import type { ErrorResponse } from '../schemas/common.js'

/** Fastify's own codes for a body it could not read, mapped to what the client did wrong. */
const clientErrorCodes = new Set([
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  'FST_ERR_CTP_BODY_TOO_LARGE',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_JSON_BODY'
])

/** Turns any thrown error into the public error body; a 5xx is logged whole and answered with an id. */
export function toErrorBody (error: FastifyError, request: FastifyRequest): ErrorResponse {
  let statusCode = error.statusCode ?? 500
  if (error.validation) statusCode = 400
  if (statusCode < 400 || statusCode > 599) statusCode = 500
  if (statusCode >= 500 && error.code && clientErrorCodes.has(error.code)) statusCode = 400
  if (error instanceof SyntaxError && statusCode === 500) statusCode = 400

  if (statusCode >= 500) {
    const errorId = randomUUID()
    request.log.error({ err: error, error_id: errorId }, 'request failed')
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Internal Server Error',
      message: statusCode === 500 ? 'An internal error occurred; quote the error_id when reporting it.' : error.message,
      code: statusCode === 500 ? 'INTERNAL_ERROR' : (error.code ?? 'SERVICE_UNAVAILABLE'),
      request_id: request.id,
      error_id: errorId
    }
  }
  request.log.info({ err: { message: error.message, code: error.code } }, 'request rejected')
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message: error.message,
    code: error.code ?? (error.validation ? 'FST_ERR_VALIDATION' : 'ERROR'),
    request_id: request.id
  }
}

/**
 * One message naming the field. A union of literals fails once per branch in Ajv; report it as the
 * list of allowed values instead of four near-identical lines.
 */
export function formatValidationErrors (errors: FastifySchemaValidationError[], dataVar: string): Error {
  const error = errors.find((candidate) => candidate.keyword === 'anyOf') ?? errors[0]
  const branches = error.keyword === 'anyOf' ? ((error as { schema?: Array<{ const?: unknown }> }).schema ?? []) : []
  const allowed = branches.every((branch) => 'const' in branch) ? branches.map((branch) => JSON.stringify(branch.const)) : []
  const message = allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : error.message
  return new Error(`${dataVar}${error.instancePath} ${message}`)
}

function sendError (error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const body = toErrorBody(error, request)
  // An error may bring headers of its own, such as a 503's Retry-After.
  const { headers } = error as { headers?: Record<string, string> }
  if (headers) reply.headers(headers)
  return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body)
}

/**
 * One error shape for every route, plus a structured 404. Socket.IO upgrades also reach Fastify's
 * router through @fastify/websocket; those are engine.io's to answer, so the reply is left alone.
 */
export default fp(async (fastify) => {
  fastify.setSchemaErrorFormatter(formatValidationErrors)
  fastify.setErrorHandler(sendError)
  fastify.setNotFoundHandler((request, reply) => {
    if (request.ws && request.url.startsWith('/socket.io/')) {
      reply.hijack()
      // @fastify/websocket gave the upgrade a response tied to its socket; left there, it would keep
      // this request and reply alive for as long as the Socket.IO connection lasts.
      if (reply.raw.socket) reply.raw.detachSocket(reply.raw.socket)
      return
    }
    return sendError(Object.assign(new Error(`Route ${request.method} ${request.url.split('?')[0]} not found`), {
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND'
    }) as FastifyError, request, reply)
  })
}, { name: 'errors', dependencies: ['websocket'] })
