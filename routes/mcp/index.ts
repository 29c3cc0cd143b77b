import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'
import { ErrorRef } from '../../schemas/common.js'
import { GatewaySessionQuery } from '../../schemas/mcp-gateway.js'
import { hasScope } from '../../services/auth/tokens.js'
import { MissingScopeError } from '../../services/auth/errors.js'
import { SessionNotFoundError, SessionRequiredError } from '../../services/mcp-gateway/errors.js'

/** JSON-RPC methods that act rather than read: they need the write scope. */
const ACTING_METHODS = new Set(['tools/call', 'prompts/get'])

const messagesOf = (body: unknown): unknown[] => (Array.isArray(body) ? body : [body])
const methodOf = (message: unknown): unknown => (typeof message === 'object' && message !== null ? (message as { method?: unknown }).method : undefined)

/**
 * The SDK writes the raw response, so the reply is hijacked; hijacked replies skip onSend hooks and
 * what Fastify queued, so the headers set so far (CORS with Mcp-Session-Id exposed, x-request-id,
 * rate limit) are copied onto the raw response first.
 */
function handOver (reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value)
  }
  reply.hijack()
}

const Session = Type.Object({ 'mcp-session-id': Type.Optional(Type.String({ maxLength: 128, description: 'from the initialize answer; required after it' })) })
const rpc = { description: 'JSON-RPC over Streamable HTTP (application/json or text/event-stream), written by the MCP SDK' }
const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef }

/**
 * The MCP gateway's endpoint, Streamable HTTP with sessions: POST carries JSON-RPC (an initialize
 * without Mcp-Session-Id opens a session), GET opens the session's stream for notifications, DELETE
 * ends it. An unknown or expired session answers 404, so the client initialises again.
 */
const mcp: FastifyPluginAsyncTypebox = async (fastify) => {
  async function exchange (request: FastifyRequest<{ Querystring: GatewaySessionQuery }>, reply: FastifyReply): Promise<void> {
    const principal = request.principal!
    const sessionId = request.headers['mcp-session-id']
    const messages = request.method === 'POST' ? messagesOf(request.body) : []
    if (messages.some((message) => ACTING_METHODS.has(methodOf(message) as string)) && !hasScope(principal, 'write')) {
      reply.header('www-authenticate', 'Bearer error="insufficient_scope", scope="write"')
      throw new MissingScopeError('write')
    }
    let session
    if (typeof sessionId === 'string') {
      session = fastify.mcpGateway.session(sessionId, principal.userId)
      if (!session) throw new SessionNotFoundError()
    } else {
      if (!messages.some(isInitializeRequest)) throw new SessionRequiredError()
      session = await fastify.mcpGateway.open(principal.userId, request.query)
    }
    handOver(reply)
    await session.handle(request.raw, reply.raw, request.body)
  }

  const common = { headers: Session, querystring: GatewaySessionQuery, tags: ['mcp-gateway'], response: { 200: rpc, ...errors } }
  const options = { prefixTrailingSlash: 'no-slash', config: { scope: 'read' } } as const
  fastify.post('/', {
    ...options,
    schema: {
      ...common,
      operationId: 'postMcpGateway',
      summary: 'A JSON-RPC message to the MCP gateway; an initialize without Mcp-Session-Id opens a session (?profile=, ?tools=search); tools/call and prompts/get need the write scope',
      body: Type.Unknown({ description: 'a JSON-RPC message' }),
      response: { ...common.response, 202: rpc }
    }
  }, exchange)
  fastify.get('/', {
    ...options,
    schema: { ...common, operationId: 'streamMcpGateway', summary: "The session's stream (Server-Sent Events): list_changed notifications arrive here" }
  }, exchange)
  fastify.delete('/', {
    ...options,
    schema: { ...common, operationId: 'endMcpGatewaySession', summary: 'Ends the session' }
  }, exchange)
}

export default mcp
