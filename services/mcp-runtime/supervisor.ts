import type { LaunchSpec } from '../marketplace/launch.js'
import type { McpRuntimeStatus, McpServerState } from '../../schemas/mcp-runtime.js'
import { McpConnection, type ConnectionEnd, type ServerInfo } from './connection.js'
import { McpNotRunningError, McpStartError } from './errors.js'
import { LogBuffer } from './log-buffer.js'

export interface Backoff {
  /** The wait before the first automatic restart; it doubles with every crash in a row. */
  initialMs: number
  /** The longest wait; a run that lasted this long counts as stable and resets the doubling. */
  maxMs: number
  /** Automatic restarts in a row after which a server that keeps crashing is left crashed. */
  maxRestarts: number
}

export interface SupervisorOptions {
  userId: string
  name: string
  /** What to run, asked afresh at every start so changed install values apply. */
  launch: () => Promise<LaunchSpec>
  /** Whether a crash is followed by a restart, asked at the time of the crash. */
  autoRestart: () => Promise<boolean>
  startTimeoutMs: number
  callTimeoutMs: number
  /** How often a remote server is pinged to notice it has gone (0: never). */
  heartbeatMs: number
  backoff: Backoff
  /** Told every state change. */
  onStatus: (status: McpRuntimeStatus) => void
}

/**
 * Keeps one user's installed server running, or not: starts it, stops it (waiting for the process
 * to exit), marks it crashed when it ends by itself and restarts it with exponential backoff when
 * the install asks for that. Start, stop and restart run one at a time, in the order asked.
 */
export class ServerSupervisor {
  readonly log = new LogBuffer()
  /** True from the moment a start is accepted until a stop (or a crash with no restart coming). */
  wanted = false
  private state: McpServerState = 'stopped'
  private connection?: McpConnection
  private starting?: AbortController
  /** The child of a start still initialising, so a hung handshake shows which process hangs. */
  private spawnedPid?: number
  private startedAt?: number
  private exitCode: number | null = null
  private signal: string | null = null
  private lastError: string | null = null
  private serverInfo: ServerInfo | null = null
  private restarts = 0
  private crashesInARow = 0
  /** Where this run's lines begin in the log, so a failure quotes this run and not an earlier one. */
  private runMark = 0
  private restartTimer?: NodeJS.Timeout
  private nextRestartAt: number | null = null
  private queue: Promise<unknown> = Promise.resolve()

  constructor (private readonly options: SupervisorOptions) {}

  get userId (): string {
    return this.options.userId
  }

  get currentState (): McpServerState {
    return this.state
  }

  start (): Promise<McpRuntimeStatus> {
    if (this.state !== 'running') this.takeOver()
    return this.serially(() => this.launch(false))
  }

  stop (): Promise<McpRuntimeStatus> {
    this.wanted = false
    this.cancelRestart()
    this.starting?.abort(new Error('stopped while starting'))
    return this.serially(() => this.halt())
  }

  restart (): Promise<McpRuntimeStatus> {
    this.takeOver()
    return this.serially(async () => {
      await this.halt()
      return await this.launch(false)
    })
  }

  /** The live connection; 409 when the server is not running. */
  live (): McpConnection {
    if (!this.connection) throw new McpNotRunningError(this.options.name)
    return this.connection
  }

  status (): McpRuntimeStatus {
    const connection = this.connection
    const now = Date.now()
    return {
      name: this.options.name,
      user_id: this.options.userId,
      state: this.state,
      transport: connection?.kind ?? null,
      pid: connection?.pid ?? this.spawnedPid ?? null,
      started_at: this.startedAt !== undefined ? new Date(this.startedAt).toISOString() : null,
      uptime_ms: this.state === 'running' && this.startedAt !== undefined ? now - this.startedAt : null,
      exit_code: this.exitCode,
      signal: this.signal,
      last_error: this.lastError,
      restarts: this.restarts,
      next_restart_at: this.nextRestartAt !== null ? new Date(this.nextRestartAt).toISOString() : null,
      server_info: this.serverInfo,
      timestamp: new Date(now).toISOString()
    }
  }

  /** A start by hand: it holds a slot from now on, and the count of automatic restarts begins again. */
  private takeOver (): void {
    this.wanted = true
    this.cancelRestart()
    this.restarts = 0
    this.crashesInARow = 0
  }

  private serially<T> (task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.catch(() => {})
    return run
  }

  private changeState (state: McpServerState): void {
    this.state = state
    this.options.onStatus(this.status())
  }

  private async launch (automatic: boolean): Promise<McpRuntimeStatus> {
    if (this.connection) return this.status()
    let spec: LaunchSpec
    try {
      spec = await this.options.launch()
    } catch (error) {
      // Not installed, not installable: the caller's problem, reported as it is; nothing ran.
      if (!automatic) this.wanted = false
      throw error
    }
    const controller = new AbortController()
    this.starting = controller
    this.runMark = this.log.mark()
    this.lastError = null
    this.changeState('starting')
    // The command or host only: arguments and URLs may carry an install's secret values.
    this.log.note(`starting ${spec.transport === 'stdio' ? spec.command : new URL(spec.url).host} (${spec.transport})`)
    try {
      const { startTimeoutMs, callTimeoutMs, heartbeatMs, name } = this.options
      const connection = await McpConnection.open(spec, {
        label: name,
        log: this.log,
        startTimeoutMs,
        callTimeoutMs,
        heartbeatMs,
        signal: controller.signal,
        onSpawn: (pid) => {
          this.spawnedPid = pid
          this.options.onStatus(this.status())
        }
      })
      this.connection = connection
      this.startedAt = Date.now()
      this.exitCode = null
      this.signal = null
      this.serverInfo = connection.serverInfo
      connection.ended.then((end) => this.crashed(connection, end))
      this.log.note(`running (${connection.kind})`)
      this.changeState('running')
      return this.status()
    } catch (error) {
      const reason = this.log.explain((error as Error).message, this.runMark)
      this.lastError = reason
      this.log.note(`start failed: ${reason}`)
      if (controller.signal.aborted) {
        this.changeState('stopped')
      } else {
        if (automatic && this.wanted) this.restartOrGiveUp()
        this.changeState('crashed')
      }
      if (!automatic) this.wanted = false
      throw new McpStartError(this.options.name, reason)
    } finally {
      this.starting = undefined
      this.spawnedPid = undefined
    }
  }

  private async halt (): Promise<McpRuntimeStatus> {
    const connection = this.connection
    if (connection) {
      this.connection = undefined
      await connection.close()
      this.exitCode = connection.child?.exitCode ?? null
      this.signal = connection.child?.signalCode ?? null
      this.log.note('stopped')
    }
    this.startedAt = undefined
    if (this.state !== 'stopped') this.changeState('stopped')
    return this.status()
  }

  private crashed (connection: McpConnection, end: ConnectionEnd): void {
    if (this.connection !== connection) return
    this.connection = undefined
    const ranFor = Date.now() - (this.startedAt ?? Date.now())
    if (ranFor >= this.options.backoff.maxMs) this.crashesInARow = 0
    this.startedAt = undefined
    this.exitCode = end.exit_code
    this.signal = end.signal
    this.lastError = this.log.explain(end.reason, this.runMark)
    this.state = 'crashed'
    this.options.autoRestart().catch(() => false).then((again) => {
      // A stop or start may have come in while the install was read: then that one decides.
      if (this.state !== 'crashed' || this.connection) return
      if (again && this.wanted) this.restartOrGiveUp()
      else this.wanted = false
      this.options.onStatus(this.status())
    })
  }

  /** A restart after the backoff, unless the server has crashed right after each of the last ones. */
  private restartOrGiveUp (): void {
    const { maxRestarts } = this.options.backoff
    if (this.crashesInARow < maxRestarts) return this.scheduleRestart()
    this.wanted = false
    this.lastError = `${this.lastError ?? 'crashed'}; gave up after ${maxRestarts} restarts in a row`
    this.log.note(`gave up after ${maxRestarts} restarts in a row; start it again by hand`)
  }

  private scheduleRestart (): void {
    const { initialMs, maxMs } = this.options.backoff
    const delay = Math.min(initialMs * 2 ** this.crashesInARow, maxMs)
    this.crashesInARow += 1
    this.nextRestartAt = Date.now() + delay
    this.log.note(`restarting in ${delay} ms`)
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined
      this.nextRestartAt = null
      this.restarts += 1
      this.serially(() => this.launch(true)).catch(() => {})
    }, delay)
  }

  private cancelRestart (): void {
    clearTimeout(this.restartTimer)
    this.restartTimer = undefined
    this.nextRestartAt = null
  }
}
