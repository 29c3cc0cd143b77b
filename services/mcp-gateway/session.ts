import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import type { ListKind } from '../mcp-runtime/listings.js'
import type { GatewayContext } from './context.js'
import { createSessionServer } from './mcp-server.js'
import type { SessionScope } from './scope.js'

/** A burst of changes (servers starting together, a server adding tools one by one) is told once, after this quiet. */
const QUIET_MS = 100
/** …and at the latest this long after the first change, however long the burst. */
const MAX_WAIT_MS = 1000

export interface SessionHooks {
  /** The initialize request succeeded: the session has its id. */
  initialized: (session: GatewaySession) => void
  /** The session ended: DELETE, expiry, eviction or shutdown. */
  closed: (session: GatewaySession) => void
}

/**
 * One MCP session of the gateway: its own SDK Server (one per transport) on a Streamable HTTP
 * transport with a session id. It keeps count of the HTTP exchanges in progress (an open GET stream
 * is one) to know how long it has been idle, and tells its client of list changes, debounced.
 */
export class GatewaySession {
  readonly scope: SessionScope
  private readonly transport: StreamableHTTPServerTransport
  private readonly server: Server
  private active = 0
  private lastActive = Date.now()
  private pending = new Set<ListKind>()
  private firstPendingAt?: number
  private quietTimer?: NodeJS.Timeout
  private closed = false

  private constructor (context: GatewayContext, scope: Omit<SessionScope, 'sessionId'>, hooks: SessionHooks) {
    this.scope = { ...scope, sessionId: '' }
    this.transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        this.scope.sessionId = id
        hooks.initialized(this)
      }
    })
    this.server = createSessionServer(context, this.scope)
    this.server.onclose = () => {
      this.closed = true
      clearTimeout(this.quietTimer)
      if (this.scope.sessionId) hooks.closed(this)
    }
  }

  static async open (context: GatewayContext, scope: Omit<SessionScope, 'sessionId'>, hooks: SessionHooks): Promise<GatewaySession> {
    const session = new GatewaySession(context, scope, hooks)
    await session.server.connect(session.transport)
    return session
  }

  get id (): string {
    return this.scope.sessionId
  }

  get userId (): string {
    return this.scope.userId
  }

  /** Milliseconds since the last exchange ended; 0 while one is in progress. */
  get idleMs (): number {
    return this.active > 0 ? 0 : Date.now() - this.lastActive
  }

  /** When it was last in use, for choosing which session of a user gives way to a new one. */
  get lastUsed (): number {
    return this.active > 0 ? Date.now() : this.lastActive
  }

  /**
   * Hands one HTTP exchange to the SDK, which writes the raw response itself. A session whose
   * initialize failed never got an id: it is closed again at once.
   */
  async handle (request: IncomingMessage, response: ServerResponse, body: unknown): Promise<void> {
    this.active += 1
    response.once('close', () => {
      this.active -= 1
      this.lastActive = Date.now()
    })
    try {
      await this.transport.handleRequest(request, response, body)
    } finally {
      if (!this.scope.sessionId) await this.close()
    }
  }

  /** Tells the client that lists changed, once per burst; tools are never announced in search mode (its three never change). */
  announce (kinds: ListKind[]): void {
    if (this.closed) return
    for (const kind of kinds) if (kind !== 'tools' || this.scope.mode !== 'search') this.pending.add(kind)
    if (this.pending.size === 0) return
    this.firstPendingAt ??= Date.now()
    clearTimeout(this.quietTimer)
    const wait = Math.min(QUIET_MS, MAX_WAIT_MS - (Date.now() - this.firstPendingAt))
    this.quietTimer = setTimeout(() => this.flush(), Math.max(0, wait))
  }

  private flush (): void {
    const kinds = [...this.pending]
    this.pending.clear()
    this.firstPendingAt = undefined
    const send = { tools: () => this.server.sendToolListChanged(), resources: () => this.server.sendResourceListChanged(), prompts: () => this.server.sendPromptListChanged() }
    // With no GET stream open the SDK drops a notification; a client that wants them keeps one open.
    for (const kind of kinds) send[kind]().catch(() => {})
  }

  async close (): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.server.close()
  }
}
