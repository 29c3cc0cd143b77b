import { EventEmitter } from 'node:events'
import { spawn, type IPty } from 'node-pty'
import type { ExitReason, Terminal } from '../../schemas/terminals.js'
import { killSession } from './process-session.js'
import { RingBuffer } from './ring-buffer.js'

/** How long a shell has to exit after SIGHUP before it is killed outright. */
const KILL_GRACE_MS = 2000

export interface SessionSpec {
  id: string
  ownerId: string
  workspaceId: string
  shell: string
  /** Relative to the workspace, as shown to clients. */
  cwd: string
  /** The absolute directory the shell starts in. */
  directory: string
  cols: number
  rows: number
  env: Record<string, string>
  replayChars: number
}

export interface SessionExit {
  exit_code: number
  signal: number | null
  reason: ExitReason
}

interface SessionEvents {
  output: [chunk: string]
  exit: [exit: SessionExit]
}

/**
 * One shell in a pseudo-terminal, shared by every client attached to it. It keeps a bounded replay
 * of recent output and pauses reading from the pty while any slow client holds it, so output is
 * never buffered without bound: the shell itself blocks, as it would on a slow real terminal.
 */
export class TerminalSession extends EventEmitter<SessionEvents> {
  readonly createdAt = new Date()
  lastActivity = Date.now()
  /** Keys of attached clients (Socket.IO sockets, WebSockets). */
  readonly clients = new Set<string>()
  readonly exited: Promise<SessionExit>
  private readonly pty: IPty
  private readonly replay: RingBuffer
  private readonly holders = new Set<string>()
  private reason: ExitReason = 'exited'
  private closing: Promise<SessionExit> | undefined
  private cols: number
  private rows: number

  constructor (readonly spec: SessionSpec) {
    super()
    this.cols = spec.cols
    this.rows = spec.rows
    this.replay = new RingBuffer(spec.replayChars)
    this.pty = spawn(spec.shell, [], { name: 'xterm-256color', cols: spec.cols, rows: spec.rows, cwd: spec.directory, env: spec.env })
    this.pty.onData((chunk) => {
      this.lastActivity = Date.now()
      this.replay.push(chunk)
      this.emit('output', chunk)
    })
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        const exit = { exit_code: exitCode, signal: signal || null, reason: this.reason }
        this.emit('exit', exit)
        resolve(exit)
      })
    })
  }

  get id (): string {
    return this.spec.id
  }

  get paused (): boolean {
    return this.holders.size > 0
  }

  get recentOutput (): string {
    return this.replay.contents()
  }

  write (data: string): void {
    this.lastActivity = Date.now()
    this.pty.write(data)
  }

  resize (cols: number, rows: number): void {
    this.cols = cols
    this.rows = rows
    this.pty.resize(cols, rows)
  }

  /** A client fell behind: stop reading the pty until every holder has released it. */
  hold (key: string): void {
    if (this.holders.size === 0) this.pty.pause()
    this.holders.add(key)
  }

  release (key: string): void {
    if (this.holders.delete(key) && this.holders.size === 0) this.pty.resume()
  }

  /**
   * Hangs up the shell (SIGHUP, as when a terminal window closes), SIGKILLs it if it lingers, and
   * then anything it started that ignored the hang-up: a closed terminal leaves nothing running.
   */
  kill (reason: ExitReason): Promise<SessionExit> {
    // A second request (a DELETE during an idle cull, say) waits for the first.
    this.closing ??= this.hangUp(reason)
    return this.closing
  }

  private async hangUp (reason: ExitReason): Promise<SessionExit> {
    this.reason = reason
    // A paused pty would hold back the end of its output, and with it the exit.
    this.holders.clear()
    this.pty.resume()
    this.signal('SIGHUP')
    const escalation = setTimeout(() => this.signal('SIGKILL'), KILL_GRACE_MS)
    escalation.unref()
    try {
      return await this.exited
    } finally {
      clearTimeout(escalation)
      await killSession(this.pty.pid)
    }
  }

  /**
   * The shell leads its own session and process group: signalling the group also reaches what it
   * started without job control (a start-up script, say), which would otherwise outlive it.
   */
  private signal (name: NodeJS.Signals): void {
    try {
      process.kill(-this.pty.pid, name)
    } catch {
      // The group is already gone.
    }
    this.pty.kill(name)
  }

  info (): Terminal {
    return {
      id: this.spec.id,
      owner_id: this.spec.ownerId,
      workspace_id: this.spec.workspaceId,
      shell: this.spec.shell,
      cwd: this.spec.cwd,
      cols: this.cols,
      rows: this.rows,
      pid: this.pty.pid,
      clients: this.clients.size,
      paused: this.paused,
      created_at: this.createdAt.toISOString(),
      last_activity_at: new Date(this.lastActivity).toISOString()
    }
  }
}
