import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { Db } from '../../plugins/db.js'
import { DatabaseUnavailableError } from '../../plugins/database-unavailable.js'
import type { Scope, TokenInfo } from '../../schemas/auth.js'

/** Who a request acts as: the token's user and what the token may do. */
export interface Principal {
  userId: string
  userName: string
  tokenId: string
  scopes: Scope[]
}

export const ADMIN_USER = 'admin'
const TOKEN_PREFIX = 'pps_'
/** last_used_at is informational; writing it on every request would put a write on the hot path. */
const LAST_USED_RESOLUTION_MS = 60_000
/** Bounds the verified-token cache's memory whatever the number of tokens in use. */
const CACHED_TOKENS_MAX = 10_000

export function hashToken (token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A scope is granted by itself or by admin, which may do everything. */
export function hasScope (principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes('admin')
}

/**
 * Users and their API tokens. Tokens are 256 random bits, returned once at creation and stored only
 * as a SHA-256 hash: a high-entropy secret needs no slow password hash to resist guessing.
 */
export class TokenStore {
  private readonly lastUsedWrites = new Map<string, number>()
  /**
   * Principals of recently verified tokens by the token itself, so a busy client costs neither a
   * query nor a hash per request. (The token is in memory anyway while its requests are; it stays
   * here at most cacheMs after its lookup.)
   */
  private readonly verified: LRUCache<string, Principal> | undefined
  private revocations = 0

  /**
   * `cacheMs` is how long a verified token is trusted without asking the database again: a token
   * revoked here stops at once, one revoked by another instance sharing the database within cacheMs.
   * 0 asks the database every time.
   */
  constructor (private readonly db: Db, options: { cacheMs?: number } = {}) {
    const ttl = options.cacheMs ?? 0
    this.verified = ttl > 0 ? new LRUCache({ max: CACHED_TOKENS_MAX, ttl }) : undefined
  }

  async ensureUser (name: string): Promise<{ id: string, name: string }> {
    const existing = await this.db.selectFrom('users').select(['id', 'name']).where('name', '=', name).executeTakeFirst()
    if (existing) return existing
    const user = { id: randomUUID(), name, created_at: new Date().toISOString() }
    await this.db.insertInto('users').values(user).onConflict((oc) => oc.column('name').doNothing()).execute()
    return await this.db.selectFrom('users').select(['id', 'name']).where('name', '=', name).executeTakeFirstOrThrow()
  }

  /** Creates a token for a user (created when new); the plain token is in the result and nowhere else. */
  async create (input: { user: string, name?: string, scopes: Scope[], token?: string }): Promise<{ token: string, info: TokenInfo }> {
    const user = await this.ensureUser(input.user)
    const token = input.token ?? TOKEN_PREFIX + randomBytes(32).toString('base64url')
    const row = {
      id: randomUUID(),
      user_id: user.id,
      name: input.name ?? 'api token',
      token_hash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes: [...new Set(input.scopes)].join(','),
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null
    }
    await this.db.insertInto('api_tokens').values(row).execute()
    return { token, info: toInfo({ ...row, user: user.name }) }
  }

  async list (): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id', 'users.name as user', 'api_tokens.name', 'prefix', 'scopes', 'api_tokens.created_at', 'last_used_at', 'revoked_at'])
      .orderBy('api_tokens.created_at').orderBy('api_tokens.id')
      .execute()
    return rows.map(toInfo)
  }

  /** Revokes by id; false when no live token has that id. */
  async revoke (id: string): Promise<boolean> {
    const result = await this.db.updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id).where('revoked_at', 'is', null)
      .executeTakeFirst()
    // Revocations are rare; forgetting every cached token is simpler than finding this one's hash.
    this.revocations++
    this.verified?.clear()
    return result.numUpdatedRows > 0n
  }

  /**
   * The principal of a token verified within the cache time, answered without waiting: undefined
   * when the token must be looked up, or its last use is due to be written (verify does both).
   */
  cached (token: string): Principal | undefined {
    const principal = this.verified?.get(token)
    if (principal === undefined || this.touchDue(principal.tokenId, Date.now())) return undefined
    return principal
  }

  /** The principal a presented token stands for, or null for an unknown or revoked one. */
  async verify (token: string): Promise<Principal | null> {
    const cached = this.verified?.get(token)
    const revocationsBefore = this.revocations
    const principal = cached ?? await this.lookUp(hashToken(token))
    if (!principal) return null
    // A lookup that overlapped a revocation may have read the token before it was revoked.
    if (!cached && revocationsBefore === this.revocations) this.verified?.set(token, principal)
    await this.touch(principal.tokenId)
    return principal
  }

  private async lookUp (hash: string): Promise<Principal | null> {
    const row = await this.db.selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id', 'api_tokens.user_id', 'users.name as user', 'scopes', 'revoked_at'])
      .where('token_hash', '=', hash)
      .executeTakeFirst()
    if (!row || row.revoked_at !== null) return null
    return { userId: row.user_id, userName: row.user, tokenId: row.id, scopes: row.scopes.split(',') as Scope[] }
  }

  /**
   * Makes sure an admin can get in. With a configured token, that token is registered (idempotently);
   * without one, a token is generated only when no live admin token exists. Returns a new token, if any.
   */
  async ensureAdminToken (configured?: string): Promise<string | undefined> {
    if (configured) {
      const known = await this.db.selectFrom('api_tokens').select(['id', 'revoked_at'])
        .where('token_hash', '=', hashToken(configured)).executeTakeFirst()
      if (!known) await this.create({ user: ADMIN_USER, name: 'PODPLAY_ADMIN_TOKEN', scopes: ['read', 'write', 'admin'], token: configured })
      return undefined
    }
    const live = await this.db.selectFrom('api_tokens').select('id')
      .where('revoked_at', 'is', null).where('scopes', 'like', '%admin%').executeTakeFirst()
    if (live) return undefined
    const { token } = await this.create({ user: ADMIN_USER, name: 'generated admin token', scopes: ['read', 'write', 'admin'] })
    return token
  }

  private touchDue (tokenId: string, now: number): boolean {
    return now - (this.lastUsedWrites.get(tokenId) ?? 0) >= LAST_USED_RESOLUTION_MS
  }

  private async touch (tokenId: string): Promise<void> {
    const now = Date.now()
    if (!this.touchDue(tokenId, now)) return
    this.lastUsedWrites.set(tokenId, now)
    try {
      await this.db.updateTable('api_tokens').set({ last_used_at: new Date(now).toISOString() }).where('id', '=', tokenId).execute()
    } catch (error) {
      // Informational only: a token verified from the cache still works while the database is away.
      if (!(error instanceof DatabaseUnavailableError)) throw error
      this.lastUsedWrites.delete(tokenId)
    }
  }
}

function toInfo (row: { id: string, user: string, name: string, prefix: string, scopes: string, created_at: string, last_used_at: string | null, revoked_at: string | null }): TokenInfo {
  return {
    id: row.id,
    user: row.user,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.split(',') as Scope[],
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at
  }
}
