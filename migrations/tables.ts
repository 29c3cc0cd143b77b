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

/** A user's workspace; its files live in `<dataDir>/workspaces/<id>`. */
export interface WorkspacesTable {
  id: string
  owner_id: string
  name: string
  created_at: string
}

/** One catalog entry; `entry` is the normalized McpCatalogServer as JSON. */
export interface McpServersTable {
  name: string
  title: string
  category: string
  /** active, deprecated or deleted. */
  status: string
  version: string | null
  entry: string
  /** The import format the entry last came from. */
  source: string
  created_at: string
  updated_at: string
}

/** A user's install of a catalog server, with the values for its variables and arguments. */
export interface McpInstallsTable {
  id: string
  user_id: string
  server_name: string
  auto_restart: number
  /** JSON `{env, arguments}` of the non-secret values. */
  plain_values: string
  /** The secret values, AES-256-GCM encrypted (see services/marketplace/secrets.ts); null when none. */
  secret_values: string | null
  installed_at: string
  updated_at: string
}

/** A Mama Bear conversation; its title is the first message, shortened. */
export interface ConversationsTable {
  id: string
  user_id: string
  title: string
  created_at: string
  updated_at: string
}

/**
 * One message. An assistant message is written when its answer starts (completed_at null while it is
 * being generated) and finished exactly once: complete, stopped (stopped = 1) or failed (error set).
 */
export interface MessagesTable {
  id: string
  conversation_id: string
  user_id: string
  /** Order within the conversation. */
  seq: number
  role: string
  content: string
  provider: string | null
  model: string | null
  /** JSON `{input_tokens, output_tokens, total_tokens}`. */
  usage: string | null
  /** JSON `{started_at, first_chunk_ms, duration_ms}`. */
  timings: string | null
  stopped: number
  /** JSON `{code, message, provider}` when the answer failed. */
  error: string | null
  created_at: string
  completed_at: string | null
  /** The instance writing the answer while it is open (see services/mama-bear/leases.ts). */
  generated_by: string | null
  /** Until when that instance's claim holds unless renewed. */
  lease_until: string | null
}

/** A tool the assistant called while answering, with its result once known. */
export interface ToolCallsTable {
  id: string
  message_id: string
  step: number
  position: number
  /** The provider's id for the call. */
  call_id: string
  name: string
  /** JSON arguments. */
  arguments: string
  result: string | null
  is_error: number
  created_at: string
  completed_at: string | null
}

/** A user's daily briefing; one per user per (UTC) date. */
export interface BriefingsTable {
  id: string
  user_id: string
  date: string
  content: string
  /** JSON of the sections the content was written from. */
  sections: string
  /** JSON `{name: version-or-date}` of the catalog at this briefing, to tell what is new next time. */
  catalog_snapshot: string
  provider: string
  model: string
  note: string | null
  created_at: string
}

/** A user's named view of the MCP gateway: which servers (and tools) a session sees, and how. */
export interface GatewayProfilesTable {
  id: string
  user_id: string
  name: string
  description: string | null
  /** JSON `[{name, tools?}]`: the servers allowed, each with its allowed tools (absent: all). */
  servers: string
  /** JSON array of the sanctuary's own tools allowed; null: all of them. */
  sanctuary_tools: string | null
  /** all or search. */
  tools_mode: string
  created_at: string
  updated_at: string
}

/** One call through the MCP gateway: who, where, how long, how it ended; never argument values. */
export interface GatewayCallsTable {
  id: string
  user_id: string
  session_id: string
  profile: string | null
  /** tools/call, resources/read or prompts/get. */
  method: string
  /** The install's name, or `sanctuary` for the sanctuary's own tools. */
  server: string
  /** The tool or prompt, as the server names it; null for a resource read. */
  name: string | null
  duration_ms: number
  /** ok, tool_error, error, timeout or cancelled. */
  outcome: string
  error_code: string | null
  created_at: string
}

export interface Database {
  workspaces: WorkspacesTable
  users: UsersTable
  api_tokens: ApiTokensTable
  mcp_servers: McpServersTable
  mcp_installs: McpInstallsTable
  conversations: ConversationsTable
  messages: MessagesTable
  tool_calls: ToolCallsTable
  briefings: BriefingsTable
  gateway_profiles: GatewayProfilesTable
  gateway_calls: GatewayCallsTable
}
