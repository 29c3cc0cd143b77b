import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import { LRUCache } from 'lru-cache'

/** More distinct SQL texts than the service's queries and their IN-list lengths make in practice. */
const REMEMBERED_STATEMENTS = 500

/**
 * The SQLite handle Kysely is given. Kysely prepares every query it runs, and better-sqlite3
 * compiles the SQL anew on each prepare: 7 % of a chat's CPU went to compiling the same few
 * statements. Compiled statements are kept by their SQL text instead. Sharing one is safe because
 * Kysely runs one query at a time on its single SQLite connection, and SQLite recompiles a
 * statement by itself when a migration changes the schema under it.
 */
export function rememberingStatements (sqlite: SQLite.Database): SqliteDatabase {
  const statements = new LRUCache<string, SqliteStatement>({ max: REMEMBERED_STATEMENTS })
  return {
    close: () => sqlite.close(),
    prepare (sql) {
      let statement = statements.get(sql)
      if (statement === undefined) {
        statement = sqlite.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    }
  }
}
