import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { rememberingStatements } from '../../plugins/sqlite-statements.js'

interface Tables { notes: { id: number, body: string } }

/** A real file, Kysely on the remembering handle, and a count of the statements SQLite compiled. */
async function open (t: Test) {
  const dir = await mkdtemp(join(tmpdir(), 'podplay-statements-'))
  const sqlite = new SQLite(join(dir, 'notes.db'))
  let compiled = 0
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => { compiled++; return prepare(source) }) as typeof sqlite.prepare
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: rememberingStatements(sqlite) }) })
  t.teardown(async () => {
    await db.destroy()
    await rm(dir, { recursive: true, force: true })
  })
  await sql`create table notes (id integer primary key, body text not null)`.execute(db)
  return { db, compiled: () => compiled }
}

t.test('a query run again reuses its compiled statement', async (t) => {
  const { db, compiled } = await open(t)
  const before = compiled()
  for (let id = 1; id <= 50; id++) await db.insertInto('notes').values({ id, body: `note ${id}` }).execute()
  for (let id = 1; id <= 50; id++) t.equal((await db.selectFrom('notes').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body, `note ${id}`)
  t.equal(compiled() - before, 2, 'one insert and one select compiled, for 100 queries')
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('notes').set({ body: 'changed' }).where('id', '=', 1).execute()
  })
  t.equal((await db.selectFrom('notes').select('body').where('id', '=', 1).executeTakeFirstOrThrow()).body, 'changed', 'transactions on the same handle')
})

t.test('a remembered statement follows a schema change under it', async (t) => {
  const { db } = await open(t)
  await db.insertInto('notes').values({ id: 1, body: 'first' }).execute()
  const everything = () => db.selectFrom('notes').selectAll().execute()
  t.same(await everything(), [{ id: 1, body: 'first' }])
  await sql`alter table notes add column tag text not null default 'none'`.execute(db)
  t.same(await everything(), [{ id: 1, body: 'first', tag: 'none' }], 'the new column is read: SQLite recompiled it')
})
