import { EventEmitter } from 'node:events'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../plugins/db.js'
import type { GatewayProfile, GatewayProfileBody, GatewaySessionQuery } from '../../schemas/mcp-gateway.js'
import type { McpListChanged, McpRuntimeStatus } from '../../schemas/mcp-runtime.js'
import type { ListKind } from '../mcp-runtime/listings.js'
import type { McpRuntime } from '../mcp-runtime/runtime.js'
import type { Tool } from '../mama-bear/tools.js'
import { CallStore, type CallRecord } from './calls.js'
import type { GatewayContext } from './context.js'
import { GatewayClosingError, UnknownSanctuaryToolError } from './errors.js'
import { NameRegistry } from './names.js'
import { ProfileStore } from './profiles.js'
import { allowsServer } from './scope.js'
import { searchModeToolNames } from './search-mode.js'
import { GatewaySession } from './session.js'
import { SessionTable } from './sessions.js'

export interface GatewayDeps {
  db: Db
  runtime: McpRuntime
  /** The sanctuary's own tools, shared with Mama Bear's tool list. */
  ownTools: () => Tool[]
  serverTitle: (userId: string, server: string) => Promise<string>
  log: FastifyBaseLogger
}

export interface GatewayOptions {
  sessionIdleMs: number
  maxSessionsPerUser: number
  nameMaxLength: number
  callTimeoutMs: number
}

export interface GatewayEvents {
  /** A call went through the gateway (recorded too). */
  call: [CallRecord]
}

const EVERY_LIST: ListKind[] = ['tools', 'resources', 'prompts']

/**
 * The MCP gateway: one MCP endpoint for every running server of a user, plus the sanctuary's own
 * tools. It owns the sessions of this instance, the names it gives tools and prompts (per user,
 * stable while a server runs), the users' profiles and the record of calls, and tells sessions
 * when what they see changes.
 */
export class McpGateway {
  readonly events = new EventEmitter<GatewayEvents>()
  readonly profiles: ProfileStore
  readonly calls: CallStore
  private readonly sessions: SessionTable
  private readonly context: GatewayContext
  private readonly names = new Map<string, { tools: NameRegistry, prompts: NameRegistry }>()
  private readonly titles = new Map<string, Promise<string>>()
  /** Which servers of each user run, to tell starts and stops from other state changes. */
  private readonly running = new Map<string, Set<string>>()
  private closing = false

  constructor (private readonly deps: GatewayDeps, private readonly options: GatewayOptions) {
    this.profiles = new ProfileStore(deps.db)
    this.calls = new CallStore(deps.db, (error) => deps.log.error({ err: error }, 'could not record an MCP gateway call'))
    this.sessions = new SessionTable({ idleMs: options.sessionIdleMs, maxPerUser: options.maxSessionsPerUser }, (error) => deps.log.warn({ err: error }, 'could not close an MCP gateway session'))
    this.context = {
      runtime: deps.runtime,
      ownTools: deps.ownTools,
      serverTitle: (userId, server) => this.titleOf(userId, server),
      names: (userId) => this.namesOf(userId),
      callTimeoutMs: options.callTimeoutMs,
      log: deps.log,
      record: (call) => {
        this.calls.record(call)
        this.events.emit('call', call)
      }
    }
    deps.runtime.events.on('status', this.onStatus)
    deps.runtime.events.on('list_changed', this.onListChanged)
  }

  get openSessions (): number {
    return this.sessions.size
  }

  /** Opens a session for an initialize request; 404 for a profile the user does not have. */
  async open (userId: string, query: GatewaySessionQuery): Promise<GatewaySession> {
    if (this.closing) throw new GatewayClosingError()
    const profile = query.profile === undefined ? null : await this.profiles.get(userId, query.profile)
    return await GatewaySession.open(this.context, { userId, profile, mode: query.tools ?? profile?.tools_mode ?? 'all' }, {
      initialized: (session) => this.sessions.add(session),
      closed: (session) => this.sessions.remove(session)
    })
  }

  /** The user's session of that id; another user's is as unknown as a closed one. */
  session (id: string, userId: string): GatewaySession | undefined {
    const session = this.sessions.get(id)
    return session?.userId === userId ? session : undefined
  }

  /** Creates or replaces a profile; the user's sessions using it see the change at once. */
  async saveProfile (userId: string, body: GatewayProfileBody): Promise<{ profile: GatewayProfile, created: boolean }> {
    const own = this.deps.ownTools().map((tool) => tool.name)
    const unknown = body.sanctuary_tools?.find((name) => !own.includes(name))
    if (unknown !== undefined) throw new UnknownSanctuaryToolError(unknown, own.join(', '))
    const saved = await this.profiles.save(userId, body)
    for (const session of this.profileSessions(userId, body.name)) {
      session.scope.profile = saved.profile
      session.announce(EVERY_LIST)
    }
    return saved
  }

  /** Deletes a profile and ends the sessions opened with it (their clients get 404 and initialise again). */
  async removeProfile (userId: string, name: string): Promise<void> {
    await this.profiles.remove(userId, name)
    await Promise.all(this.profileSessions(userId, name).map((session) => session.close()))
  }

  /** Ends every session and its streams; no new one can be opened afterwards. */
  async closeSessions (): Promise<void> {
    this.closing = true
    await this.sessions.close()
  }

  async close (): Promise<void> {
    this.deps.runtime.events.off('status', this.onStatus)
    this.deps.runtime.events.off('list_changed', this.onListChanged)
    await this.closeSessions()
    await this.calls.close()
  }

  private profileSessions (userId: string, name: string): GatewaySession[] {
    return this.sessions.forUser(userId).filter((session) => session.scope.profile?.name === name)
  }

  private namesOf (userId: string) {
    let names = this.names.get(userId)
    if (!names) {
      // Plain names of the sanctuary's own tools and of search mode can never go to a server's tool.
      const reserved = new Set([...this.deps.ownTools().map((tool) => tool.name), ...searchModeToolNames])
      names = { tools: new NameRegistry(this.options.nameMaxLength, reserved), prompts: new NameRegistry(this.options.nameMaxLength) }
      this.names.set(userId, names)
    }
    return names
  }

  private releaseNames (userId: string, server: string): void {
    const names = this.names.get(userId)
    if (!names) return
    names.tools.release(server)
    names.prompts.release(server)
    if (names.tools.size === 0 && names.prompts.size === 0) this.names.delete(userId)
  }

  private titleOf (userId: string, server: string): Promise<string> {
    const key = `${userId}\u0000${server}`
    let title = this.titles.get(key)
    if (!title) {
      title = this.deps.serverTitle(userId, server).catch(() => server)
      this.titles.set(key, title)
    }
    return title
  }

  /** A server that starts or stops changes every list its user's sessions see; its names and title are given back. */
  private readonly onStatus = (status: McpRuntimeStatus): void => {
    const { user_id: userId, name } = status
    let running = this.running.get(userId)
    const was = running?.has(name) ?? false
    const is = status.state === 'running'
    if (was === is) return
    if (is) {
      if (!running) this.running.set(userId, running = new Set())
      running.add(name)
    } else {
      running!.delete(name)
      if (running!.size === 0) this.running.delete(userId)
      this.releaseNames(userId, name)
      this.titles.delete(`${userId}\u0000${name}`)
    }
    this.announce(userId, name, EVERY_LIST)
  }

  private readonly onListChanged = (change: McpListChanged): void => {
    this.announce(change.user_id, change.name, [change.list])
  }

  private announce (userId: string, server: string, kinds: ListKind[]): void {
    for (const session of this.sessions.forUser(userId)) {
      if (allowsServer(session.scope, server)) session.announce(kinds)
    }
  }
}
