import { join } from 'node:path'
import type { Test } from 'tap'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { openDatabase, type Db } from '../../plugins/db.js'
import { tempDir } from '../helper.js'

export interface LoggedStatement {
  sql: string
  parameters: readonly unknown[]
}

/**
 * A SQLite file migrated to the latest schema, opened again through Kysely with every statement it
 * runs recorded (begin and commit included), and the file's own handle to ask SQLite about them.
 */
export async function loggedSqlite (t: Test): Promise<{ db: Db, sqlite: SQLite.Database, statements: LoggedStatement[] }> {
  const file = join(tempDir(t, 'podplay-logged-'), 'podplay.db')
  const migrated = await openDatabase({ kind: 'sqlite', file })
  await migrated.close()

  const sqlite = new SQLite(file)
  const statements: LoggedStatement[] = []
  const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => { statements.push(event.query) } }) as unknown as Db
  t.teardown(async () => await db.destroy())
  return { db, sqlite, statements }
}
