import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import fp from 'fastify-plugin'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely'
import type { Config } from './config.js'
import { migrationProvider } from '../migrations/index.js'
import type { Database } from '../migrations/tables.js'
import { guardPool } from './database-unavailable.js'
import { rememberingStatements } from './sqlite-statements.js'
import { WalCheckpointer } from './wal-checkpointer.js'

export type Db = Kysely<Database>

/** How long a request waits for a PostgreSQL connection before it is told the database is unavailable. */
const CONNECT_TIMEOUT_MS = 5000

export interface OpenOptions {
  /** Told when an idle pooled connection breaks (the server went away); the pool replaces it. */
  onConnectionLost?: (error: Error) => void
  /**
   * Set: a SQLite file's WAL is checkpointed on a worker thread (wal-checkpointer.ts) instead of
   * inside the commits of this one, and `onFailure` is told when that fails and SQLite goes back to
   * checkpointing itself. The service sets it; the CLI's short runs keep SQLite's own checkpoints.
   */
  offThreadCheckpoints?: { onFailure: (error: Error) => void }
}

interface Opened {
  dialect: Dialect
  checkpointer?: WalCheckpointer
}

function open (database: Config['database'], options: OpenOptions): Opened {
  if (database.kind === 'postgres') {
    // keepAlive: a connection to a server that vanished without a word is noticed by TCP.
    const pool = new pg.Pool({ connectionString: database.url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true })
    // Without a listener, an idle connection's error (the server shut down) would end the process.
    pool.on('error', (error) => options.onConnectionLost?.(error))
    return { dialect: new PostgresDialect({ pool: guardPool(pool) }) }
  }
  if (database.file !== ':memory:') mkdirSync(dirname(database.file), { recursive: true })
  const sqlite = new SQLite(database.file)
  // WAL lets readers proceed while a write is in flight; the busy timeout covers a CLI writing concurrently.
  sqlite.pragma('journal_mode = WAL')
  // The log is synced at checkpoints, not at each commit (better-sqlite3's own default in WAL
  // mode, said here so the connection reports what it does): a commit survives a crash of the
  // service, and a power cut can lose the last commits but never the file's consistency. A sync
  // per commit would hold the event loop for each one.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const dialect = new SqliteDialect({ database: rememberingStatements(sqlite) })
  const { offThreadCheckpoints } = options
  if (database.file === ':memory:' || !offThreadCheckpoints) return { dialect }
  sqlite.pragma('wal_autocheckpoint = 0')
  const checkpointer = new WalCheckpointer(database.file, {
    onFailure: (error) => {
      sqlite.pragma('wal_autocheckpoint = 1000')
      offThreadCheckpoints.onFailure(error)
    }
  })
  return { dialect, checkpointer }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest (db: Db): Promise<string | undefined> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
  }
  const applied = await migrator.getMigrations()
  return applied.filter((migration) => migration.executedAt).at(-1)?.name
}

/** Opens the configured database and brings it to the latest schema; `close` ends what was opened. */
export async function openDatabase (database: Config['database'], options: OpenOptions = {}): Promise<{ db: Db, version: string | undefined, close: () => Promise<void> }> {
  const { dialect, checkpointer } = open(database, options)
  const db = new Kysely<Database>({ dialect })
  const close = async () => {
    await checkpointer?.stop()
    await db.destroy()
  }
  try {
    const version = await migrateToLatest(db)
    return { db, version, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Cheap liveness query for readiness checks. */
export async function pingDatabase (db: Db): Promise<void> {
  await sql`select 1`.execute(db)
}

/** The database's size on disk in bytes, or null when the engine cannot tell. */
export async function databaseSize (db: Db, kind: Config['database']['kind']): Promise<number | null> {
  const query = kind === 'postgres'
    ? sql<{ size: number | string }>`select pg_database_size(current_database()) as size`
    : sql<{ size: number | string }>`select page_count * page_size as size from pragma_page_count(), pragma_page_size()`
  const { rows } = await query.execute(db)
  return rows[0] ? Number(rows[0].size) : null
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    dbInfo: { kind: Config['database']['kind'], migration: string | undefined }
  }
}

export default fp(async (fastify) => {
  const { db, version, close } = await openDatabase(fastify.config.database, {
    onConnectionLost: (error) => fastify.log.warn({ err: error }, 'a database connection was lost; the next query opens another'),
    offThreadCheckpoints: {
      onFailure: (error) => fastify.log.warn({ err: error }, 'WAL checkpoints could not run on their own thread; SQLite checkpoints inside commits again')
    }
  })
  fastify.decorate('db', db)
  fastify.decorate('dbInfo', { kind: fastify.config.database.kind, migration: version })
  fastify.addHook('onClose', close)
}, { name: 'db', dependencies: ['config'] })
