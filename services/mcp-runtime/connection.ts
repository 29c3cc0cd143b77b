import type { ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { Ajv, type ValidateFunction } from 'ajv'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { ErrorCode, McpError, ToolListChangedNotificationSchema, type Tool } from '@modelcontextprotocol/sdk/types.js'
import { version } from '../../plugins/version.js'
import type { LaunchSpec } from '../marketplace/launch.js'
import { McpCallFailedError, McpCallTimeoutError, McpInvalidArgumentsError, McpServerGoneError, McpToolNotFoundError } from './errors.js'
import { callLimits, type CallOptions } from './limits.js'
import { allPages, ServerListings, type ListKind } from './listings.js'
import type { LogBuffer } from './log-buffer.js'
import { ProtocolGuard } from './protocol-guard.js'
import { closeClient, connect, exitOf, type Connected, type TransportKind } from './transports.js'

export interface ToolInfo {
  name: string
  description: string | null
  input_schema: Record<string, unknown>
}

export interface ToolCallResult {
  content: Array<{ type: string, [field: string]: unknown }>
  is_error: boolean
  structured_content?: Record<string, unknown>
}

export interface ServerInfo {
  name: string
  version: string
}

/** How a connection ended without being asked to: the exit code and signal of a child, and why. */
export interface ConnectionEnd {
  exit_code: number | null
  signal: string | null
  reason: string
}

export interface OpenOptions {
  /** The install's name, for messages. */
  label: string
  log: LogBuffer
  startTimeoutMs: number
  callTimeoutMs: number
  /** Aborts a start still initialising (a stop arrived meanwhile). */
  signal?: AbortSignal
  /** Told a child's pid as soon as it is spawned, before the handshake. */
  onSpawn?: (pid: number) => void
  /**
   * How often a remote server is pinged (0: never). A remote has no process whose exit shows its
   * end, and a Streamable HTTP one need not keep a connection open either.
   */
  heartbeatMs?: number
}

const CLIENT_INFO = { name: 'podplay-sanctuary', version }
/** Unanswered pings in a row after which a remote counts as gone: one lost ping may be a blip. */
const MISSED_PINGS_BEFORE_GONE = 2

/**
 * One live, initialised MCP connection. It caches the tool list until the server announces a
 * change, validates arguments against a tool's input schema before calling it, cancels calls that
 * run too long, and notices when the server goes away on its own.
 */
export class McpConnection {
  private tools?: Promise<Tool[]>
  private readonly validators = new Map<string, ValidateFunction | null>()
  // One Ajv per connection: Ajv keeps every schema it compiled, so the cache dies with the connection.
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
  private closing = false
  private isEnded = false
  private heartbeat?: NodeJS.Timeout
  private reportEnd!: (end: ConnectionEnd) => void
  /** Settles when the connection ends by itself (a child exited, a remote closed); never after close(). */
  readonly ended = new Promise<ConnectionEnd>((resolve) => { this.reportEnd = resolve })
  /** `list_changed` when the server announces that its tools, resources or prompts changed. */
  readonly changes = new EventEmitter<{ list_changed: [ListKind] }>()
  /** The server's resources, resource templates and prompts. */
  readonly listings: ServerListings

  private constructor (private readonly connected: Connected, private readonly options: OpenOptions, private readonly guard: ProtocolGuard) {
    connected.client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      this.tools = undefined
      this.validators.clear()
      this.changes.emit('list_changed', 'tools')
    })
    this.listings = new ServerListings(connected.client, {
      label: options.label,
      callTimeoutMs: options.callTimeoutMs,
      translate: (error, what) => this.translate(error, what),
      onChanged: (kind) => this.changes.emit('list_changed', kind)
    })
    const child = connected.child
    // A child's exit is the end even when a grandchild still holds its pipes open.
    if (child) exitOf(child).then(() => this.end(child.exitCode, child.signalCode))
    connected.client.onclose = () => this.end(child?.exitCode ?? null, child?.signalCode ?? null)
    if (!child && options.heartbeatMs) this.startHeartbeat(options.heartbeatMs)
  }

  static async open (spec: LaunchSpec, options: OpenOptions): Promise<McpConnection> {
    const guard = new ProtocolGuard(options.log)
    let connected: Connected
    try {
      connected = await connect(spec, {
        makeClient: () => guard.watch(new Client(CLIENT_INFO)),
        onSpawn: (pid) => {
          options.log.note(`spawned pid ${pid}`)
          options.onSpawn?.(pid)
        },
        onStderr: (chunk) => options.log.append(chunk),
        request: { timeout: options.startTimeoutMs, signal: options.signal }
      })
    } catch (error) {
      throw guard.failure ? new Error(guard.failure) : error
    }
    return new McpConnection(connected, options, guard)
  }

  get pid (): number | null {
    return this.connected.child?.pid ?? null
  }

  get kind (): TransportKind {
    return this.connected.kind
  }

  get child (): ChildProcess | undefined {
    return this.connected.child
  }

  get serverInfo (): ServerInfo | null {
    const info = this.connected.client.getServerVersion()
    return info ? { name: info.name, version: info.version } : null
  }

  async listTools (): Promise<ToolInfo[]> {
    return (await this.toolList()).map((tool) => ({
      name: tool.name,
      description: tool.description ?? null,
      input_schema: tool.inputSchema
    }))
  }

  /** The tools as the server describes them (titles, output schemas, annotations…), for clients that pass them on. */
  toolDefinitions (): Promise<Tool[]> {
    return this.toolList()
  }

  async callTool (name: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<ToolCallResult> {
    const tool = (await this.toolList()).find((candidate) => candidate.name === name)
    if (!tool) throw new McpToolNotFoundError(this.options.label, name)
    const validate = this.validator(tool)
    if (validate && !validate(args)) {
      throw new McpInvalidArgumentsError(name, this.ajv.errorsText(validate.errors, { dataVar: 'arguments' }))
    }
    try {
      const result = await this.connected.client.callTool({ name, arguments: args }, undefined, callLimits(this.options.callTimeoutMs, options))
      return {
        content: (result.content ?? []) as ToolCallResult['content'],
        is_error: result.isError === true,
        ...(result.structuredContent ? { structured_content: result.structuredContent as Record<string, unknown> } : {})
      }
    } catch (error) {
      throw this.translate(error, `the tool '${name}'`)
    }
  }

  /** Stops the server on purpose: ends an HTTP session, closes the client, waits for the child's exit. */
  async close (): Promise<void> {
    this.closing = true
    clearInterval(this.heartbeat)
    await this.connected.endSession().catch(() => {})
    await closeClient(this.connected.client, this.connected.child)
  }

  private toolList (): Promise<Tool[]> {
    this.tools ??= this.fetchTools().catch((error: unknown) => {
      this.tools = undefined
      throw this.translate(error, 'the tools/list request')
    })
    return this.tools
  }

  private fetchTools (): Promise<Tool[]> {
    return allPages(async (cursor) => {
      const page = await this.connected.client.listTools(cursor ? { cursor } : undefined, { timeout: this.options.callTimeoutMs })
      return { items: page.tools, nextCursor: page.nextCursor }
    })
  }

  /** A schema Ajv cannot compile is the server's to judge: the arguments then go through unchecked. */
  private validator (tool: Tool): ValidateFunction | null {
    if (!this.validators.has(tool.name)) {
      try {
        this.validators.set(tool.name, this.ajv.compile(tool.inputSchema))
      } catch (error) {
        this.options.log.note(`input schema of tool ${tool.name} cannot be compiled (${(error as Error).message}); arguments are passed unchecked`)
        this.validators.set(tool.name, null)
      }
    }
    return this.validators.get(tool.name)!
  }

  private translate (error: unknown, what: string): Error {
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) return new McpCallTimeoutError(what, this.options.callTimeoutMs)
    if (this.isEnded || (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)) return new McpServerGoneError(this.options.label)
    return new McpCallFailedError(this.options.label, (error as Error).message)
  }

  private startHeartbeat (intervalMs: number): void {
    let missed = 0
    let pinging = false
    this.heartbeat = setInterval(() => {
      if (pinging) return
      pinging = true
      // A ping gets the patience of a call: a slow answer is not a dead server, a refused connection fails at once.
      this.connected.client.ping({ timeout: this.options.callTimeoutMs })
        .then(() => { missed = 0 }, (error: Error) => {
          missed += 1
          if (missed >= MISSED_PINGS_BEFORE_GONE) this.end(null, null, `the server stopped answering pings (${error.message})`)
        })
        .finally(() => { pinging = false })
    }, intervalMs)
    this.heartbeat.unref()
  }

  private end (exitCode: number | null, signal: string | null, why?: string): void {
    if (this.isEnded) return
    this.isEnded = true
    clearInterval(this.heartbeat)
    if (this.closing) return
    const reason = why ?? this.guard.failure ?? (exitCode !== null
      ? `process exited with code ${exitCode}`
      : signal !== null ? `process was killed by ${signal}` : 'the server closed the connection')
    this.options.log.note(reason)
    // Release the client's side as well; for a child that is already gone this only tidies up.
    closeClient(this.connected.client, this.connected.child).catch(() => {})
    this.reportEnd({ exit_code: exitCode, signal, reason })
  }
}
