import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { stat } from 'node:fs/promises'
import { posix } from 'node:path'
import { hasScope, type Principal } from '../auth/tokens.js'
import type { CreateTerminalBody, Terminal, TerminalExit, TerminalOutput } from '../../schemas/terminals.js'
import {
  InvalidTerminalCursorError, TerminalDirectoryError, TerminalLimitError, TerminalNotFoundError, TerminalReadOnlyError
} from './errors.js'
import { TerminalSession } from './session.js'
import { ShellPolicy, shellEnvironment } from './shells.js'

/** Enough recent output to redraw a full screen of a busy terminal a few times over. */
const DEFAULT_REPLAY_CHARS = 64 * 1024
/** The idle sweep runs at least this often, so a long idle time is still honoured within 30 s. */
const MAX_SWEEP_INTERVAL_MS = 30_000

export interface TerminalManagerOptions {
  maxTerminals: number
  /** A terminal with no input or output for this long is closed. */
  idleMs: number
  /** The absolute directory for a path inside a user's workspace; throws a 4xx error when outside. */
  resolveDirectory: (userId: string, workspaceId: string, relativePath: string) => Promise<string> | string
  shells?: ShellPolicy
  replayChars?: number
}

export interface TerminalEvents {
  output: [event: TerminalOutput]
  exit: [event: TerminalExit]
}

export interface Attached {
  terminal: Terminal
  replay: string
  read_only: boolean
}

export interface SessionListener {
  output: (chunk: string) => void
  exit: (event: TerminalExit) => void
}

/**
 * Every open terminal. Transport-free: Socket.IO handlers and the raw WebSocket route both call
 * these methods, identifying themselves by a client key. A terminal is visible to its owner and to
 * admins; anyone who sees it may watch it, and typing needs the write scope.
 */
export class TerminalManager {
  readonly events = new EventEmitter<TerminalEvents>()
  readonly shells: ShellPolicy
  private readonly sessions = new Map<string, TerminalSession>()
  private readonly env = shellEnvironment()
  private readonly sweeper: NodeJS.Timeout
  /** Terminals being opened (their directory is still being checked), counted against the cap. */
  private opening = 0

  constructor (private readonly options: TerminalManagerOptions) {
    this.shells = options.shells ?? new ShellPolicy()
    this.sweeper = setInterval(() => this.cullIdle(), Math.min(options.idleMs / 2, MAX_SWEEP_INTERVAL_MS))
    this.sweeper.unref()
  }

  get count (): number {
    return this.sessions.size
  }

  get maxTerminals (): number {
    return this.options.maxTerminals
  }

  async create (principal: Principal, input: CreateTerminalBody): Promise<Terminal> {
    if (this.sessions.size + this.opening >= this.options.maxTerminals) throw new TerminalLimitError(this.options.maxTerminals)
    const shell = this.shells.resolve(input.shell)
    const cwd = posix.normalize(input.cwd)
    this.opening++
    let directory: string
    try {
      directory = await this.options.resolveDirectory(principal.userId, input.workspace_id, cwd)
      const info = await stat(directory).catch(() => undefined)
      if (!info?.isDirectory()) throw new TerminalDirectoryError(cwd)
    } finally {
      this.opening--
    }
    const session = new TerminalSession({
      id: randomUUID(),
      ownerId: principal.userId,
      workspaceId: input.workspace_id,
      shell,
      cwd,
      directory,
      cols: input.cols,
      rows: input.rows,
      env: this.env,
      replayChars: this.options.replayChars ?? DEFAULT_REPLAY_CHARS
    })
    this.sessions.set(session.id, session)
    session.on('output', (output) => {
      this.events.emit('output', { session_id: session.id, output, timestamp: new Date().toISOString() })
    })
    session.once('exit', (exit) => {
      this.sessions.delete(session.id)
      this.events.emit('exit', { session_id: session.id, ...exit, timestamp: new Date().toISOString() })
    })
    return session.info()
  }

  /** The terminals a principal may see, oldest first, a page at a time. */
  list (principal: Principal, page: { limit: number, cursor?: string }): { items: Terminal[], next_cursor: string | null, total: number } {
    const visible = [...this.sessions.values()]
      .filter((session) => this.canSee(principal, session))
      .map((session) => session.info())
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
    const start = page.cursor === undefined ? 0 : this.startAfter(visible, page.cursor)
    const items = visible.slice(start, start + page.limit)
    const more = start + page.limit < visible.length
    return { items, next_cursor: more ? encodeCursor(items.at(-1)!) : null, total: visible.length }
  }

  get (principal: Principal, id: string): Terminal {
    return this.session(principal, id).info()
  }

  /** Registers a client and returns what it needs to draw the screen now. */
  attach (principal: Principal, id: string, clientKey: string): Attached {
    const session = this.session(principal, id)
    session.clients.add(clientKey)
    session.lastActivity = Date.now()
    return { terminal: session.info(), replay: session.recentOutput, read_only: !hasScope(principal, 'write') }
  }

  detach (id: string, clientKey: string): void {
    const session = this.sessions.get(id)
    if (!session) return
    session.clients.delete(clientKey)
    session.release(clientKey)
  }

  /** Follows one terminal's output and exit; returns the function that stops following. */
  subscribe (principal: Principal, id: string, listener: SessionListener): () => void {
    const session = this.session(principal, id)
    const onExit = (exit: Omit<TerminalExit, 'session_id' | 'timestamp'>) => {
      listener.exit({ session_id: id, ...exit, timestamp: new Date().toISOString() })
    }
    session.on('output', listener.output)
    session.once('exit', onExit)
    return () => {
      session.off('output', listener.output)
      session.off('exit', onExit)
    }
  }

  write (principal: Principal, id: string, data: string): void {
    const session = this.session(principal, id)
    if (!hasScope(principal, 'write')) throw new TerminalReadOnlyError()
    session.write(data)
  }

  resize (principal: Principal, id: string, cols: number, rows: number): Terminal {
    const session = this.session(principal, id)
    if (!hasScope(principal, 'write')) throw new TerminalReadOnlyError()
    session.resize(cols, rows)
    return session.info()
  }

  /** A client is behind on a terminal's output: pause it until that client releases it. */
  hold (id: string, clientKey: string): void {
    this.sessions.get(id)?.hold(clientKey)
  }

  release (id: string, clientKey: string): void {
    this.sessions.get(id)?.release(clientKey)
  }

  async kill (principal: Principal, id: string): Promise<void> {
    await this.session(principal, id).kill('killed')
  }

  /** Closes the terminals started in a workspace (it is being deleted) and waits for their shells. */
  async closeWorkspace (workspaceId: string): Promise<void> {
    const inside = [...this.sessions.values()].filter((session) => session.spec.workspaceId === workspaceId)
    await Promise.all(inside.map((session) => session.kill('killed')))
  }

  /** Closes every terminal and waits until each shell has exited. */
  async closeAll (): Promise<void> {
    clearInterval(this.sweeper)
    await Promise.all([...this.sessions.values()].map((session) => session.kill('shutdown')))
  }

  private cullIdle (): void {
    const cutoff = Date.now() - this.options.idleMs
    for (const session of this.sessions.values()) {
      // kill() never rejects: it waits for the exit and swallows signals to processes already gone.
      if (session.lastActivity <= cutoff) session.kill('idle')
    }
  }

  private session (principal: Principal, id: string): TerminalSession {
    const session = this.sessions.get(id)
    // Another user's terminal is reported as missing, not forbidden, so ids cannot be probed.
    if (!session || !this.canSee(principal, session)) throw new TerminalNotFoundError(id)
    return session
  }

  private canSee (principal: Principal, session: TerminalSession): boolean {
    return session.spec.ownerId === principal.userId || hasScope(principal, 'admin')
  }

  private startAfter (items: Terminal[], cursor: string): number {
    const [createdAt, id] = decodeCursor(cursor)
    const index = items.findIndex((item) => item.created_at > createdAt || (item.created_at === createdAt && item.id > id))
    return index === -1 ? items.length : index
  }
}

function encodeCursor (item: Terminal): string {
  return Buffer.from(JSON.stringify([item.created_at, item.id])).toString('base64url')
}

function decodeCursor (cursor: string): [string, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
      return decoded as [string, string]
    }
  } catch {}
  throw new InvalidTerminalCursorError()
}
