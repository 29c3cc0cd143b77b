import type { FastifyBaseLogger } from 'fastify'
import { ErrorCode, McpError, type Progress } from '@modelcontextprotocol/sdk/types.js'
import type { McpConnection } from '../mcp-runtime/connection.js'
import type { McpRuntime } from '../mcp-runtime/runtime.js'
import type { Tool } from '../mama-bear/tools.js'
import type { GatewayCall } from '../../schemas/mcp-gateway.js'
import type { CallRecord } from './calls.js'
import type { NameRegistry } from './names.js'
import { allowsServer, type SessionScope } from './scope.js'

/** What the gateway's handlers need from the rest of the service. */
export interface GatewayContext {
  runtime: McpRuntime
  /** The sanctuary's own tools, shared with Mama Bear. */
  ownTools: () => Tool[]
  /** An install's title from the catalog, for prefixing descriptions. */
  serverTitle: (userId: string, server: string) => Promise<string>
  /** The user's tool and prompt names. */
  names: (userId: string) => { tools: NameRegistry, prompts: NameRegistry }
  callTimeoutMs: number
  log: FastifyBaseLogger
  record: (call: CallRecord) => void
}

/** What the SDK gives a request handler that the gateway uses. */
export interface HandlerExtra {
  signal: AbortSignal
  _meta?: { progressToken?: string | number }
  sendNotification: (notification: { method: 'notifications/progress', params: Progress & { progressToken: string | number } }) => Promise<void>
}

export interface Upstream {
  name: string
  title: string
  connection: McpConnection
}

/** The session's running servers, in the runtime's order. */
export async function runningUpstreams (context: GatewayContext, scope: SessionScope): Promise<Upstream[]> {
  const upstreams: Upstream[] = []
  for (const status of context.runtime.runningFor(scope.userId)) {
    if (!allowsServer(scope, status.name)) continue
    const connection = context.runtime.connectionOf(scope.userId, status.name)
    if (connection) upstreams.push({ name: status.name, title: await context.serverTitle(scope.userId, status.name), connection })
  }
  return upstreams
}

/**
 * One list item per upstream, gathered in parallel; a server whose list fails (slow, gone) is left
 * out of this answer rather than failing it.
 */
export async function gather<T> (context: GatewayContext, upstreams: Upstream[], list: (upstream: Upstream) => Promise<T[]>): Promise<T[]> {
  const settled = await Promise.allSettled(upstreams.map(list))
  return settled.flatMap((result, index) => {
    if (result.status === 'fulfilled') return result.value
    context.log.warn({ err: result.reason, mcp_server: upstreams[index].name }, 'an MCP server\'s list is left out of the gateway\'s answer')
    return []
  })
}

/** The description a client sees: the server's title first, so the same tool of two servers reads apart. */
export function describedBy (title: string, description: string | undefined): string {
  return description ? `[${title}] ${description}` : `[${title}]`
}

/** Where an upstream's progress goes: on to the client, when it asked for progress. */
export function progressRelay (extra: HandlerExtra): ((progress: Progress) => void) | undefined {
  const token = extra._meta?.progressToken
  if (token === undefined) return undefined
  return (progress) => {
    extra.sendNotification({ method: 'notifications/progress', params: { ...progress, progressToken: token } }).catch(() => {})
  }
}

export interface Outcome {
  outcome: GatewayCall['outcome']
  error_code: string | null
}

/** How a failed call ended, for the record. */
export function failureOutcome (error: unknown, signal: AbortSignal): Outcome {
  if (signal.aborted) return { outcome: 'cancelled', error_code: null }
  const code = (error as { code?: unknown }).code
  if (code === 'MCP_CALL_TIMEOUT') return { outcome: 'timeout', error_code: code }
  return { outcome: 'error', error_code: typeof code === 'string' ? code : typeof code === 'number' ? String(code) : 'INTERNAL_ERROR' }
}

/**
 * Times a call and records it. `run` answers with the result and its outcome; a failure is recorded
 * and thrown on.
 */
export async function recorded<T> (context: GatewayContext, scope: SessionScope, what: Pick<CallRecord, 'method' | 'server' | 'name'>, signal: AbortSignal, run: () => Promise<{ result: T, outcome: Outcome }>): Promise<T> {
  const started = performance.now()
  const note = (outcome: Outcome) => context.record({
    user_id: scope.userId,
    session_id: scope.sessionId,
    profile: scope.profile?.name ?? null,
    ...what,
    duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
    ...outcome
  })
  try {
    const { result, outcome } = await run()
    note(outcome)
    return result
  } catch (error) {
    note(failureOutcome(error, signal))
    throw error
  }
}

/** A service error as the message a client may read; anything else is logged and told as internal. */
export function clientMessage (context: GatewayContext, error: unknown): string {
  const failure = error as { code?: unknown, message?: string }
  if (typeof failure.code === 'string' || error instanceof McpError) return failure.message ?? String(error)
  context.log.error({ err: error }, 'MCP gateway call failed')
  return 'An internal error occurred'
}

/** A service error as the JSON-RPC error of a read or prompt (they have no error result). */
export function asMcpError (context: GatewayContext, error: unknown): McpError {
  if (error instanceof McpError) return error
  const code = (error as { code?: unknown }).code
  if (code === 'MCP_RESOURCE_NOT_FOUND') return new McpError(-32002, clientMessage(context, error))
  if (code === 'MCP_PROMPT_NOT_FOUND' || code === 'MCP_INVALID_ARGUMENTS') return new McpError(ErrorCode.InvalidParams, clientMessage(context, error))
  return new McpError(ErrorCode.InternalError, clientMessage(context, error))
}
