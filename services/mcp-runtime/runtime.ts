import { EventEmitter } from 'node:events'
import type { LaunchSpec } from '../marketplace/launch.js'
import type { BulkAction, BulkItemResult, BulkResult, McpListChanged, McpRuntimeStatus, McpTestResult } from '../../schemas/mcp-runtime.js'
import type { McpConnection, ToolCallResult, ToolInfo } from './connection.js'
import { McpLimitError, McpNotRunningError } from './errors.js'
import type { LogLine } from './log-buffer.js'
import { probe } from './probe.js'
import { ServerSupervisor, type Backoff } from './supervisor.js'
import { wireContents, wirePrompt, wirePromptMessages, wireResource, wireResourceTemplate } from './wire.js'

/** What the runtime needs from the marketplace: a user's installs and what to run for them. */
export interface InstallSource {
  /** 404 when the user has not installed the server: that is what keeps users apart. */
  getInstall: (userId: string, name: string) => Promise<{ auto_restart: boolean }>
  launchSpec: (userId: string, name: string) => Promise<LaunchSpec>
  uninstall: (userId: string, name: string) => Promise<unknown>
}

export interface RuntimeOptions {
  maxPerUser: number
  maxTotal: number
  callTimeoutMs: number
  /** How often remote servers are pinged (0: never). */
  heartbeatMs: number
  startTimeoutMs?: number
  backoff?: Backoff
}

export interface RuntimeEvents {
  status: [McpRuntimeStatus]
  /** A running server announced that its tools, resources or prompts changed. */
  list_changed: [McpListChanged]
}

const DEFAULT_START_TIMEOUT_MS = 30_000
const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, maxRestarts: 5 }

/**
 * Every user's running MCP servers. Each (user, install) pair has one supervisor; a user reaches
 * only their own installs, because every operation first asks the marketplace for that user's
 * install. Starts are limited per user and in total, test connections included.
 */
export class McpRuntime {
  readonly events = new EventEmitter<RuntimeEvents>()
  private readonly supervisors = new Map<string, ServerSupervisor>()
  /** Test connections in progress, per user: real processes too, so they count against the limits. */
  private readonly probes = new Map<string, number>()
  /** Connections whose list changes are already relayed. */
  private readonly relayed = new WeakSet<McpConnection>()
  private readonly startTimeoutMs: number
  private readonly backoff: Backoff

  constructor (private readonly source: InstallSource, private readonly options: RuntimeOptions) {
    this.startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS
    this.backoff = options.backoff ?? DEFAULT_BACKOFF
  }

  async start (userId: string, name: string): Promise<McpRuntimeStatus> {
    return await (await this.supervisorToRun(userId, name)).start()
  }

  async stop (userId: string, name: string): Promise<McpRuntimeStatus> {
    await this.source.getInstall(userId, name)
    return await this.supervisors.get(key(userId, name))?.stop() ?? idleStatus(userId, name)
  }

  async restart (userId: string, name: string): Promise<McpRuntimeStatus> {
    return await (await this.supervisorToRun(userId, name)).restart()
  }

  /** The supervisor of an install about to run: a server not already wanted running must fit the limits. */
  private async supervisorToRun (userId: string, name: string): Promise<ServerSupervisor> {
    await this.source.getInstall(userId, name)
    const supervisor = this.supervisorFor(userId, name)
    if (!supervisor.wanted) this.checkLimits(userId)
    return supervisor
  }

  async status (userId: string, name: string): Promise<McpRuntimeStatus> {
    await this.source.getInstall(userId, name)
    return this.supervisors.get(key(userId, name))?.status() ?? idleStatus(userId, name)
  }

  async logs (userId: string, name: string, lines: number): Promise<LogLine[]> {
    await this.source.getInstall(userId, name)
    return this.supervisors.get(key(userId, name))?.log.tail(lines) ?? []
  }

  async listTools (userId: string, name: string): Promise<ToolInfo[]> {
    return await (await this.live(userId, name)).listTools()
  }

  async callTool (userId: string, name: string, tool: string, args: Record<string, unknown>): Promise<ToolCallResult> {
    return await (await this.live(userId, name)).callTool(tool, args)
  }

  /** The resources and resource templates of a running server. */
  async listResources (userId: string, name: string) {
    const { listings } = await this.live(userId, name)
    const [resources, templates] = await Promise.all([listings.listResources(), listings.listResourceTemplates()])
    return { resources: resources.map(wireResource), resource_templates: templates.map(wireResourceTemplate) }
  }

  async readResource (userId: string, name: string, uri: string) {
    return wireContents(await (await this.live(userId, name)).listings.readResource(uri))
  }

  async listPrompts (userId: string, name: string) {
    return (await (await this.live(userId, name)).listings.listPrompts()).map(wirePrompt)
  }

  async getPrompt (userId: string, name: string, prompt: string, args: Record<string, string>) {
    return wirePromptMessages(await (await this.live(userId, name)).listings.getPrompt(prompt, args))
  }

  /**
   * The live connection of a user's running server, or undefined: for in-process callers (the MCP
   * gateway) that pass on everything the server offers, as MCP describes it.
   */
  connectionOf (userId: string, name: string): McpConnection | undefined {
    const supervisor = this.supervisors.get(key(userId, name))
    return supervisor?.currentState === 'running' ? supervisor.live() : undefined
  }

  /** Starts the server on the side (not the running one), initialises it, lists tools, times it all. */
  async test (userId: string, name: string): Promise<McpTestResult> {
    const spec = await this.source.launchSpec(userId, name)
    this.checkLimits(userId)
    this.probes.set(userId, (this.probes.get(userId) ?? 0) + 1)
    try {
      return await probe(spec, { label: name, startTimeoutMs: this.startTimeoutMs, callTimeoutMs: this.options.callTimeoutMs })
    } finally {
      const left = this.probes.get(userId)! - 1
      if (left === 0) this.probes.delete(userId)
      else this.probes.set(userId, left)
    }
  }

  /** The statuses of a user's running servers. */
  runningFor (userId: string): McpRuntimeStatus[] {
    return [...this.supervisors.values()]
      .filter((supervisor) => supervisor.userId === userId && supervisor.currentState === 'running')
      .map((supervisor) => supervisor.status())
  }

  /** Applies one action to several installs in turn; each name gets its own result. */
  async bulk (userId: string, action: BulkAction, names: string[]): Promise<BulkResult> {
    const results: BulkItemResult[] = []
    for (const name of names) results.push(await this.applyOne(userId, action, name))
    const succeeded = results.filter((result) => result.success).length
    return { action, results, succeeded, failed: results.length - succeeded }
  }

  /** Stops and drops a server whose install is gone (the marketplace's 'uninstalled'). */
  async forget (userId: string, name: string): Promise<void> {
    const supervisor = this.supervisors.get(key(userId, name))
    if (!supervisor) return
    await supervisor.stop()
    this.supervisors.delete(key(userId, name))
  }

  counts (): { running: number, crashed: number } {
    let running = 0
    let crashed = 0
    for (const supervisor of this.supervisors.values()) {
      if (supervisor.currentState === 'running') running += 1
      if (supervisor.currentState === 'crashed') crashed += 1
    }
    return { running, crashed }
  }

  /** Stops every server and waits for every child to exit. */
  async close (): Promise<void> {
    await Promise.all([...this.supervisors.values()].map((supervisor) => supervisor.stop().catch(() => {})))
    this.supervisors.clear()
  }

  private async applyOne (userId: string, action: BulkAction, name: string): Promise<BulkItemResult> {
    try {
      if (action === 'uninstall') {
        await this.forget(userId, name)
        await this.source.uninstall(userId, name)
        return { name, success: true }
      }
      const status = await this[action](userId, name)
      return { name, success: true, state: status.state }
    } catch (error) {
      const { statusCode, code, message } = error as { statusCode?: number, code?: string, message: string }
      // Only our own errors carry a status code; anything else is not for the client to read.
      if (statusCode === undefined) return { name, success: false, error: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An internal error occurred' } }
      return { name, success: false, error: { statusCode, code: code ?? 'ERROR', message } }
    }
  }

  private async live (userId: string, name: string) {
    await this.source.getInstall(userId, name)
    const supervisor = this.supervisors.get(key(userId, name))
    if (!supervisor) throw new McpNotRunningError(name)
    return supervisor.live()
  }

  private supervisorFor (userId: string, name: string): ServerSupervisor {
    let supervisor = this.supervisors.get(key(userId, name))
    if (!supervisor) {
      supervisor = new ServerSupervisor({
        userId,
        name,
        launch: () => this.source.launchSpec(userId, name),
        autoRestart: async () => (await this.source.getInstall(userId, name)).auto_restart,
        startTimeoutMs: this.startTimeoutMs,
        callTimeoutMs: this.options.callTimeoutMs,
        heartbeatMs: this.options.heartbeatMs,
        backoff: this.backoff,
        onStatus: (status) => {
          if (status.state === 'running') this.relayListChanges(userId, name)
          this.events.emit('status', status)
        }
      })
      this.supervisors.set(key(userId, name), supervisor)
    }
    return supervisor
  }

  /** Passes a newly running connection's list changes on as `list_changed` events, once per connection. */
  private relayListChanges (userId: string, name: string): void {
    const connection = this.supervisors.get(key(userId, name))?.live()
    if (!connection || this.relayed.has(connection)) return
    this.relayed.add(connection)
    connection.changes.on('list_changed', (list) => {
      this.events.emit('list_changed', { name, user_id: userId, list, timestamp: new Date().toISOString() })
    })
  }

  /** Throws 429 when one more server would pass the user's or the service's limit. */
  private checkLimits (userId: string): void {
    let mine = this.probes.get(userId) ?? 0
    let all = [...this.probes.values()].reduce((sum, count) => sum + count, 0)
    for (const supervisor of this.supervisors.values()) {
      if (!supervisor.wanted) continue
      all += 1
      if (supervisor.userId === userId) mine += 1
    }
    const { maxPerUser, maxTotal } = this.options
    if (mine >= maxPerUser) throw new McpLimitError(`You already run ${mine} MCP servers, the most one user may run at once (${maxPerUser}); stop one first`)
    if (all >= maxTotal) throw new McpLimitError(`This service already runs ${all} MCP servers, its limit (${maxTotal}); try again later`)
  }
}

function key (userId: string, name: string): string {
  return `${userId}\u0000${name}`
}

/** The status of an installed server this runtime has not run (since it started). */
function idleStatus (userId: string, name: string): McpRuntimeStatus {
  return {
    name,
    user_id: userId,
    state: 'stopped',
    transport: null,
    pid: null,
    started_at: null,
    uptime_ms: null,
    exit_code: null,
    signal: null,
    last_error: null,
    restarts: 0,
    next_restart_at: null,
    server_info: null,
    timestamp: new Date().toISOString()
  }
}
