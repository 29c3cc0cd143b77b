import type { GatewaySession } from './session.js'

export interface SessionLimits {
  /** A session idle this long (no request, no open stream) is closed. */
  idleMs: number
  /** Sessions per user; one more closes the user's least recently used. */
  maxPerUser: number
}

/** The longest pause between two sweeps for expired sessions. */
const MAX_SWEEP_MS = 60_000

/**
 * The open sessions of this instance, by id. Idle ones expire; a user's are bounded, the least
 * recently used giving way, since clients often forget to end theirs and simply initialise again.
 * A client of a closed session gets 404 and initialises anew, as the specification has it.
 */
export class SessionTable {
  private readonly sessions = new Map<string, GatewaySession>()
  private readonly sweeper: NodeJS.Timeout

  constructor (private readonly limits: SessionLimits, private readonly onError: (error: Error) => void) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(MAX_SWEEP_MS, Math.max(50, Math.floor(limits.idleMs / 2))))
    this.sweeper.unref()
  }

  get size (): number {
    return this.sessions.size
  }

  get (id: string): GatewaySession | undefined {
    return this.sessions.get(id)
  }

  forUser (userId: string): GatewaySession[] {
    return [...this.sessions.values()].filter((session) => session.userId === userId)
  }

  all (): GatewaySession[] {
    return [...this.sessions.values()]
  }

  add (session: GatewaySession): void {
    const theirs = this.forUser(session.userId)
    const excess = theirs.length + 1 - this.limits.maxPerUser
    if (excess > 0) {
      for (const old of theirs.sort((a, b) => a.lastUsed - b.lastUsed).slice(0, excess)) this.end(old)
    }
    this.sessions.set(session.id, session)
  }

  remove (session: GatewaySession): void {
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id)
  }

  async close (): Promise<void> {
    clearInterval(this.sweeper)
    await Promise.all(this.all().map((session) => session.close().catch(this.onError)))
    this.sessions.clear()
  }

  private sweep (): void {
    for (const session of this.sessions.values()) {
      if (session.idleMs >= this.limits.idleMs) this.end(session)
    }
  }

  private end (session: GatewaySession): void {
    this.remove(session)
    session.close().catch(this.onError)
  }
}
