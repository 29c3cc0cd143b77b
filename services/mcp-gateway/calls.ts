import { randomBytes } from 'node:crypto'
import type { Db } from '../../plugins/db.js'
import type { GatewayCallsTable } from '../../migrations/tables.js'
import type { GatewayCall, GatewayCallsQuery } from '../../schemas/mcp-gateway.js'
import { decodeCursor, encodeCursor } from '../mama-bear/records.js'
import { InvalidCursorError } from './errors.js'

/** One call as the gateway saw it; never its arguments. */
export type CallRecord = Omit<GatewayCall, 'id' | 'created_at'>

export interface CallPage {
  items: GatewayCall[]
  next_cursor: string | null
  total: number
}

/** Rows written in one statement at most (SQLite allows some thousands of values in one). */
const MAX_BATCH = 200
/** How long records wait to be written together: a busy gateway writes a batch, not a row per call. */
const BATCH_WAIT_MS = 50

/**
 * The record of calls through the gateway. Writes do not hold up the answer: records are queued
 * and written together, a batch at a time in order; close() waits for the last one.
 */
export class CallStore {
  private queued: GatewayCallsTable[] = []
  private pending: Promise<void> = Promise.resolve()
  private timer?: NodeJS.Timeout
  private sequence = 0

  constructor (private readonly db: Db, private readonly onError: (error: Error) => void) {}

  record (call: CallRecord): void {
    const now = Date.now()
    // Time first, then a counter: calls of one millisecond still list in the order they were made.
    const id = `${now.toString(16).padStart(12, '0')}${(this.sequence++ % 0x10000).toString(16).padStart(4, '0')}${randomBytes(6).toString('hex')}`
    this.queued.push({ id, ...call, created_at: new Date(now).toISOString() })
    this.timer ??= setTimeout(() => this.writeQueued(), BATCH_WAIT_MS)
  }

  /** Everything recorded so far, written (for a listing, or before closing). */
  private async written (): Promise<void> {
    if (this.timer) this.writeQueued()
    await this.pending
  }

  private writeQueued (): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending = this.pending.then(() => this.flush())
  }

  /** Writes what is queued; when a batch fails, row by row, so one bad row costs only itself. */
  private async flush (): Promise<void> {
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0, MAX_BATCH)
      try {
        await this.db.insertInto('gateway_calls').values(batch).execute()
      } catch {
        for (const row of batch) await this.db.insertInto('gateway_calls').values(row).execute().catch(this.onError)
      }
    }
  }

  /** Newest first. `userId` undefined: everyone's (for admins). */
  async page (userId: string | undefined, query: GatewayCallsQuery): Promise<CallPage> {
    await this.written() // what was just called is listed
    let filtered = this.db.selectFrom('gateway_calls')
    if (userId !== undefined) filtered = filtered.where('user_id', '=', userId)
    for (const field of ['server', 'outcome', 'session_id', 'user_id'] as const) {
      const value = query[field]
      if (value !== undefined) filtered = filtered.where(field, '=', value)
    }
    let rows = filtered.selectAll()
    if (query.cursor !== undefined) {
      const key = decodeCursor(query.cursor)
      if (!key) throw new InvalidCursorError()
      // A row-value comparison: one range of the index, not a read of every newer call first.
      rows = rows.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(key[0], key[1])))
    }
    const found = await rows.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute()
    const total = await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const shown = found.slice(0, query.limit)
    const last = shown.at(-1)
    return {
      items: shown.map((row) => ({ ...row, method: row.method as GatewayCall['method'], outcome: row.outcome as GatewayCall['outcome'], duration_ms: Number(row.duration_ms) })),
      next_cursor: found.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null,
      total: Number(total.n)
    }
  }

  async close (): Promise<void> {
    await this.written()
  }
}
