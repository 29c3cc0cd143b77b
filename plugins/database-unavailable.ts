import createError from '@fastify/error'
import pg from 'pg'
import type { PostgresPool, PostgresPoolClient } from 'kysely'

/** What a client waits before asking again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

const UnavailableError = createError<[string]>('DATABASE_UNAVAILABLE', 'The database is unavailable (%s); retry in a few seconds', 503)

/** A request that needs the database while it cannot be reached: 503 with Retry-After, never a 500. */
export class DatabaseUnavailableError extends UnavailableError {
  /** Sent with the error response (plugins/errors.ts). */
  readonly headers = { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) }

  constructor (cause: Error) {
    super(reasonOf(cause))
    this.cause = cause
  }
}

/**
 * PostgreSQL's SQLSTATE classes that say the server cannot serve now, not that the query is wrong:
 * 08 connection exception, 53 insufficient resources (too many connections, disk full), 57P
 * operator intervention (shutting down, starting up, database dropped), 58 system error.
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P|58)/
/** Errors of the connection itself, before or instead of an answer from the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
/** pg's own words for a connection that ended or never came (it gives those no code). */
const PG_CONNECTION_MESSAGES = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/

/** A short reason that names no host or credentials: the error body and readiness are public. */
function reasonOf (error: Error): string {
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return error instanceof pg.DatabaseError ? `${code} ${error.message}` : code
  return error.message
}

/** Whether a query failed because the database is out of reach, rather than because of the query. */
export function isUnavailable (error: unknown): error is Error {
  if (error instanceof pg.DatabaseError) return UNAVAILABLE_SQLSTATE.test(error.code ?? '')
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || PG_CONNECTION_MESSAGES.test(error.message)
}

function translated (error: unknown): unknown {
  return isUnavailable(error) ? new DatabaseUnavailableError(error) : error
}

/**
 * The pool as Kysely's PostgreSQL dialect sees it, with the failures of a database out of reach
 * turned into DatabaseUnavailableError: a connection that cannot be had (any reason), and a query
 * lost with its connection. Errors about the query itself (a constraint, a syntax error) pass as
 * they are, for the services that turn them into 409s and the like.
 */
export function guardPool (pool: pg.Pool): PostgresPool {
  const guarded = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  const guard = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = guarded.get(client)
    if (wrapper) return wrapper
    let broken = false
    // pg emits a checked-out client's connection error as an event too; unheard, it ends the process.
    client.on('error', () => { broken = true })
    wrapper = {
      query: ((...args: Parameters<pg.PoolClient['query']>) => {
        const result = (client.query as (...all: unknown[]) => unknown)(...args)
        // A cursor (Kysely's streaming) is not a promise: its reads report their own errors.
        if (!(result instanceof Promise)) return result
        return result.catch((error: unknown) => {
          const thrown = translated(error)
          if (thrown instanceof DatabaseUnavailableError) broken = true
          throw thrown
        })
      }) as PostgresPoolClient['query'],
      // A broken connection is dropped, not handed to the next query.
      release: (destroy?: boolean) => client.release(destroy || broken)
    }
    guarded.set(client, wrapper)
    return wrapper
  }
  return {
    connect: async () => {
      try {
        return guard(await pool.connect())
      } catch (error) {
        throw new DatabaseUnavailableError(error as Error)
      }
    },
    end: () => pool.end()
  }
}
