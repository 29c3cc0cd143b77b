import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { openDatabase, type Db } from '../../plugins/db.js'
import { ConversationQueries } from '../../services/mama-bear/queries.js'
import { encodeCursor } from '../../services/mama-bear/records.js'

/**
 * The page of a user's conversations as SQLite plans it on the migrated schema: read in the order
 * it is shown (no sort of its own, so the page stops at its last row however many conversations
 * the user has, and a later page starts at its cursor), open answers counted from the index of
 * open answers.
 */
t.test('a page of conversations is read in index order, open answers from their own index', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'podplay-plan-'))
  t.teardown(async () => await rm(dir, { recursive: true, force: true }))
  const file = join(dir, 'podplay.db')
  const migrated = await openDatabase({ kind: 'sqlite', file })
  await migrated.close()

  const sqlite = new SQLite(file)
  const statements: Array<{ sql: string, parameters: readonly unknown[] }> = []
  const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => { statements.push(event.query) } }) as unknown as Db
  t.teardown(async () => await db.destroy())
  const queries = new ConversationQueries(db)
  const planOfPage = async (cursor?: string) => {
    statements.length = 0
    await queries.list('someone', { limit: 20, cursor })
    const page = statements.find((statement) => statement.sql.includes('order by'))
    if (!page) throw new Error('the page query was not run')
    return (sqlite.prepare(`explain query plan ${page.sql}`).all(...page.parameters) as Array<{ detail: string }>).map((step) => step.detail)
  }

  const first = await planOfPage()
  t.notOk(first.some((step) => step.includes('TEMP B-TREE')), `no sort of its own: ${first.join('; ')}`)
  t.ok(first.some((step) => step.includes('conversations_user_updated_id')), 'conversations by user, activity and id')
  t.ok(first.some((step) => step.includes('messages_open_by_conversation')), 'open answers from the index of open answers')

  const later = await planOfPage(encodeCursor(['2026-12-01T00:00:00.000Z', 'b1c2']))
  t.ok(later.some((step) => step.includes('(updated_at,id)<(?,?)')), `the page after a cursor starts at the cursor in the index: ${later.join('; ')}`)
  t.notOk(later.some((step) => step.includes('TEMP B-TREE')), 'and needs no sort either')
})
