import { randomUUID } from 'node:crypto'
import type { Db } from '../../plugins/db.js'
import type { WorkspacesTable } from '../../migrations/tables.js'
import { InvalidCursorError, WorkspaceExistsError, WorkspaceNotFoundError } from './errors.js'

export type WorkspaceRecord = WorkspacesTable

export interface WorkspacePage {
  items: WorkspaceRecord[]
  next_cursor: string | null
  total: number
}

/** The cursor is the last item's (created_at, id): stable however many rows arrive meanwhile. */
function encodeCursor (row: WorkspaceRecord): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url')
}

function decodeCursor (cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) return value as [string, string]
  } catch {}
  throw new InvalidCursorError()
}

/** Workspace records: who owns which workspace. Another user's workspace answers as not found. */
export class WorkspaceStore {
  constructor (private readonly db: Db) {}

  async create (ownerId: string, name: string): Promise<WorkspaceRecord> {
    const taken = await this.db.selectFrom('workspaces').select('id')
      .where('owner_id', '=', ownerId).where('name', '=', name).executeTakeFirst()
    if (taken) throw new WorkspaceExistsError(name)
    const row = { id: randomUUID(), owner_id: ownerId, name, created_at: new Date().toISOString() }
    try {
      await this.db.insertInto('workspaces').values(row).execute()
    } catch (error) {
      // Two concurrent creations with one name: the unique index lets one through.
      if (/unique|duplicate/i.test((error as Error).message)) throw new WorkspaceExistsError(name)
      throw error
    }
    return row
  }

  async get (ownerId: string, id: string): Promise<WorkspaceRecord> {
    const row = await this.db.selectFrom('workspaces').selectAll()
      .where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst()
    if (!row) throw new WorkspaceNotFoundError(id)
    return row
  }

  async list (ownerId: string, page: { limit?: number, cursor?: string } = {}): Promise<WorkspacePage> {
    const limit = page.limit ?? 20
    let query = this.db.selectFrom('workspaces').selectAll().where('owner_id', '=', ownerId)
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor)
      query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(createdAt, id)))
    }
    const [rows, count] = await Promise.all([
      query.orderBy('created_at').orderBy('id').limit(limit + 1).execute(),
      this.db.selectFrom('workspaces').select((eb) => eb.fn.countAll<number>().as('total'))
        .where('owner_id', '=', ownerId).executeTakeFirstOrThrow()
    ])
    const items = rows.slice(0, limit)
    return {
      items,
      next_cursor: rows.length > limit ? encodeCursor(items.at(-1) as WorkspaceRecord) : null,
      total: Number(count.total)
    }
  }

  async remove (ownerId: string, id: string): Promise<void> {
    await this.db.deleteFrom('workspaces').where('id', '=', id).where('owner_id', '=', ownerId).execute()
  }
}
