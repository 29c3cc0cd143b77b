import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import t from 'tap'
import { WalCheckpointer } from '../../plugins/wal-checkpointer.js'
import { build, tempDir } from '../helper.js'

/** Polls until `condition` holds, for up to `ms`. */
async function eventually (condition: () => boolean, ms = 8000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (condition()) return true
  return condition()
}

t.test('the service\'s SQLite WAL is checkpointed on a worker thread, not inside commits', async (t) => {
  const { app } = await build(t)
  const file = app.config.database.kind === 'sqlite' ? app.config.database.file : ''
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(app.db)
  t.same(rows, [{ wal_autocheckpoint: 0 }], 'commits on the event loop never checkpoint')
  const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(app.db)
  t.same(synchronous.rows, [{ synchronous: 1 }], 'nor sync the log: NORMAL, the log is synced at checkpoints')
  await sql`create table scratch (text text not null)`.execute(app.db)
  for (let row = 0; row < 500; row++) await sql`insert into scratch (text) values (${'x'.repeat(4000)})`.execute(app.db)
  const walBytes = statSync(`${file}-wal`).size
  t.ok(walBytes > 1024 * 1024, `the writes went to the WAL (${walBytes} bytes)`)
  t.ok(await eventually(() => statSync(file).size > 1024 * 1024), 'the worker copied them into the database file')
  const { count } = (await sql<{ count: number }>`select count(*) as count from scratch`.execute(app.db)).rows[0]
  t.equal(Number(count), 500, 'every row is there')
})

t.test('a checkpointer whose worker cannot open the database says so, and stops looking', async (t) => {
  const dir = tempDir(t)
  const file = join(dir, 'missing.db')
  // A WAL worth checkpointing beside a database file that is not there.
  writeFileSync(`${file}-wal`, Buffer.alloc(2 * 1024 * 1024))
  const failures: Error[] = []
  const checkpointer = new WalCheckpointer(file, { onFailure: (error) => failures.push(error), lookIntervalMs: 50 })
  t.ok(await eventually(() => failures.length > 0), 'the failure is told')
  t.match(failures[0].message, /SQLITE_CANTOPEN/, 'with SQLite\'s reason')
  await checkpointer.stop()
  t.equal(failures.length, 1, 'once')
})
