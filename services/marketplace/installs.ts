import { randomUUID } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { Db } from '../../plugins/db.js'
import type { McpInstallsTable } from '../../migrations/tables.js'
import { AlreadyInstalledError } from './errors.js'
import type { SplitValues } from './install-values.js'
import type { InstallValues } from './launch.js'
import type { SecretBox } from './secrets.js'

/** An install as stored, secrets still sealed. */
export interface StoredInstall {
  user_id: string
  name: string
  auto_restart: boolean
  plain: InstallValues
  /** Names of the secret values, so they can be listed without being opened. */
  secret_names: string[]
  installed_at: string
  updated_at: string
  sealed: string | null
}

/** Installs stored before remote headers existed have none in their columns. */
interface PlainColumn extends Omit<InstallValues, 'headers'> {
  headers?: InstallValues['headers']
  secret_names: string[]
}

/** The secrets are bound to their user and server: a sealed value moved to another row will not open. */
const secretContext = (userId: string, name: string) => `mcp-install\n${userId}\n${name}`

function isUniqueViolation (error: unknown): boolean {
  const code = (error as { code?: string }).code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}

function fromRow (row: McpInstallsTable): StoredInstall {
  const plain = JSON.parse(row.plain_values) as PlainColumn
  return {
    user_id: row.user_id,
    name: row.server_name,
    auto_restart: row.auto_restart === 1,
    plain: { env: plain.env, arguments: plain.arguments, headers: plain.headers ?? {} },
    secret_names: plain.secret_names,
    installed_at: row.installed_at,
    updated_at: row.updated_at,
    sealed: row.secret_values
  }
}

/**
 * How long a user's installed names are reused: every search marks what the user installed, and a
 * query per search cost as much as the search itself. This process forgets a user's names at once
 * when it changes them; another instance's change shows within this time.
 */
const NAMES_TTL_MS = 5000

/** Users' installs; secret values are sealed before they reach the database. */
export class InstallStore {
  private readonly names = new LRUCache<string, ReadonlySet<string>>({ max: 10_000, ttl: NAMES_TTL_MS })
  /** Counts this process's install changes: a lookup that overlapped one is not cached. */
  private writes = 0

  constructor (private readonly db: Db, private readonly box: SecretBox) {}

  async namesFor (userId: string): Promise<ReadonlySet<string>> {
    const cached = this.names.get(userId)
    if (cached) return cached
    const writesBefore = this.writes
    const rows = await this.db.selectFrom('mcp_installs').select('server_name').where('user_id', '=', userId).execute()
    const names = new Set(rows.map((row) => row.server_name))
    if (this.writes === writesBefore) this.names.set(userId, names)
    return names
  }

  async find (userId: string, name: string): Promise<StoredInstall | undefined> {
    const row = await this.db.selectFrom('mcp_installs').selectAll()
      .where('user_id', '=', userId).where('server_name', '=', name).executeTakeFirst()
    return row && fromRow(row)
  }

  async list (userId: string): Promise<StoredInstall[]> {
    const rows = await this.db.selectFrom('mcp_installs').selectAll().where('user_id', '=', userId).orderBy('server_name').execute()
    return rows.map(fromRow)
  }

  /** The value columns of a row: plain values as JSON, secret ones sealed. */
  private valueColumns (userId: string, name: string, values: SplitValues): Pick<McpInstallsTable, 'plain_values' | 'secret_values'> {
    const secretNames = [...Object.keys(values.secret.env), ...Object.keys(values.secret.arguments), ...Object.keys(values.secret.headers)]
    return {
      plain_values: JSON.stringify({ ...values.plain, secret_names: secretNames } satisfies PlainColumn),
      secret_values: secretNames.length > 0 ? this.box.seal(JSON.stringify(values.secret), secretContext(userId, name)) : null
    }
  }

  async insert (userId: string, name: string, values: SplitValues, autoRestart: boolean): Promise<StoredInstall> {
    const now = new Date().toISOString()
    const row: McpInstallsTable = {
      id: randomUUID(),
      user_id: userId,
      server_name: name,
      auto_restart: autoRestart ? 1 : 0,
      ...this.valueColumns(userId, name, values),
      installed_at: now,
      updated_at: now
    }
    try {
      await this.db.insertInto('mcp_installs').values(row).execute()
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyInstalledError(name)
      throw error
    } finally {
      this.forgetNames(userId)
    }
    return fromRow(row)
  }

  /** Replaces an install's values and restart setting; undefined when it is not installed (any more). */
  async update (userId: string, name: string, values: SplitValues, autoRestart: boolean): Promise<StoredInstall | undefined> {
    await this.db.updateTable('mcp_installs')
      .set({ ...this.valueColumns(userId, name, values), auto_restart: autoRestart ? 1 : 0, updated_at: new Date().toISOString() })
      .where('user_id', '=', userId).where('server_name', '=', name)
      .execute()
    return await this.find(userId, name)
  }

  async remove (userId: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('mcp_installs').where('user_id', '=', userId).where('server_name', '=', name).executeTakeFirst()
    this.forgetNames(userId)
    return result.numDeletedRows > 0n
  }

  private forgetNames (userId: string): void {
    this.writes++
    this.names.delete(userId)
  }

  /** Installs per server since a moment, across all users. */
  async countsSince (since: string): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('mcp_installs')
      .select((eb) => ['server_name', eb.fn.countAll<number | string>().as('installs')])
      .where('installed_at', '>=', since).groupBy('server_name').execute()
    return new Map(rows.map((row) => [row.server_name, Number(row.installs)]))
  }

  /** Plain and secret values together, secrets opened: only for launching and for the owner's own config. */
  values (install: StoredInstall): InstallValues {
    if (!install.sealed) return install.plain
    const secret = JSON.parse(this.box.open(install.sealed, secretContext(install.user_id, install.name))) as PlainColumn
    return {
      env: { ...install.plain.env, ...secret.env },
      arguments: { ...install.plain.arguments, ...secret.arguments },
      headers: { ...install.plain.headers, ...secret.headers }
    }
  }
}
