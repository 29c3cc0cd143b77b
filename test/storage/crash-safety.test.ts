import { join } from 'node:path'
import t from 'tap'
import SQLite from 'better-sqlite3'
import { crashAndRestart } from './crash-workload.js'

t.test('SQLite: every write acknowledged before a SIGKILL is there after the restart, whole, and the file is sound', async (t) => {
  const dataDir = await crashAndRestart(t, {})
  const db = new SQLite(join(dataDir, 'podplay.db'), { readonly: true, fileMustExist: true })
  t.teardown(() => db.close())
  t.same(db.pragma('integrity_check'), [{ integrity_check: 'ok' }])
  t.same(db.pragma('foreign_key_check'), [], 'no row points at one that is missing')
})
