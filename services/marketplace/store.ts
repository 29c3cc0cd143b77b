import type { Db } from '../../plugins/db.js'
import type { ImportFormat } from './formats/detect.js'
import type { CatalogEntry } from './validate.js'

/** Rows per insert: 9 columns × 100 stays under SQLite's oldest limit of 999 bound values. */
const CHUNK = 100
/** Names per `in (…)` lookup, for the same reason. */
const LOOKUP_CHUNK = 500

export interface EntryWrite {
  entry: CatalogEntry
  source: ImportFormat
}

/** The catalog's rows: every entry kept whole as JSON, keyed by name. */
export class CatalogStore {
  constructor (private readonly db: Db) {}

  /** Entries written after a moment (all of them for ''), and the latest write time among them. */
  async changedSince (since: string): Promise<{ entries: CatalogEntry[], latest: string }> {
    const rows = await this.db.selectFrom('mcp_servers').select(['entry', 'updated_at'])
      .where('updated_at', '>', since).orderBy('name').execute()
    let latest = since
    for (const row of rows) if (row.updated_at > latest) latest = row.updated_at
    return { entries: rows.map((row) => JSON.parse(row.entry) as CatalogEntry), latest }
  }

  async findMany (names: string[]): Promise<Map<string, CatalogEntry>> {
    const found = new Map<string, CatalogEntry>()
    for (let start = 0; start < names.length; start += LOOKUP_CHUNK) {
      const rows = await this.db.selectFrom('mcp_servers').select('entry')
        .where('name', 'in', names.slice(start, start + LOOKUP_CHUNK)).execute()
      for (const row of rows) {
        const entry = JSON.parse(row.entry) as CatalogEntry
        found.set(entry.name, entry)
      }
    }
    return found
  }

  /** Inserts or replaces the entries in one transaction: all are written or none. */
  async write (writes: EntryWrite[], onWritten?: (count: number) => void): Promise<void> {
    const now = new Date().toISOString()
    await this.db.transaction().execute(async (trx) => {
      for (let start = 0; start < writes.length; start += CHUNK) {
        const rows = writes.slice(start, start + CHUNK).map(({ entry, source }) => ({
          name: entry.name,
          title: entry.title,
          category: entry.category,
          status: entry.status,
          version: entry.version ?? null,
          entry: JSON.stringify(entry),
          source,
          created_at: now,
          updated_at: now
        }))
        await trx.insertInto('mcp_servers').values(rows)
          .onConflict((conflict) => conflict.column('name').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            category: eb.ref('excluded.category'),
            status: eb.ref('excluded.status'),
            version: eb.ref('excluded.version'),
            entry: eb.ref('excluded.entry'),
            source: eb.ref('excluded.source'),
            updated_at: eb.ref('excluded.updated_at')
          })))
          .execute()
        onWritten?.(Math.min(start + CHUNK, writes.length))
      }
    })
  }
}
