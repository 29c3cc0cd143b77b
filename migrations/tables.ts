/**
 * The database as Kysely sees it. Column types are the portable subset of SQLite and PostgreSQL:
 * text ids, ISO-8601 text timestamps, integer flags and JSON kept as text.
 */
export interface UsersTable {
  id: string
  name: string
  created_at: string
}

export interface ApiTokensTable {
  id: string
  user_id: string
  name: string
  token_hash: string
  /** The first characters of the token, enough for a person to recognise it in a list. */
  prefix: string
  /** Comma-separated scopes: read, write, admin. */
  scopes: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export interface Database {
  users: UsersTable
  api_tokens: ApiTokensTable
}
