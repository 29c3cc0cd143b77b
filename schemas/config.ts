import { Type, type Static } from '@sinclair/typebox'

/** Log levels pino understands; shared by the config and the run-time log-level route. */
export const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level))
)
export type LogLevel = Static<typeof LogLevel>

export const AiProviderName = Type.Union([
  Type.Literal('embedded'),
  Type.Literal('openai'),
  Type.Literal('anthropic'),
  Type.Literal('gemini')
])
export type AiProviderName = Static<typeof AiProviderName>

const PositiveInt = Type.Integer({ minimum: 1, description: 'a positive integer' })
/** A host name (a leading dot: it and its subdomains), an IPv4 address or a bracketed IPv6 one. */
const HOST_NAME = '(\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])'
const Url = (description: string) => Type.String({ pattern: '^[a-z][a-z0-9+.-]*://', description })

/**
 * The environment the service reads, with its defaults (DESIGN.md §2). Values arrive as strings and
 * are converted before validation, so PORT=abc is reported as "a TCP port" rather than crashing later.
 */
export const EnvSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'a host name or address' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'a TCP port, 0–65535' }),
  PODPLAY_DATA_DIR: Type.String({ default: './.podplay', minLength: 1, description: 'a directory path' }),
  DATABASE_URL: Type.Optional(Url('a database URL: postgres://… or sqlite://FILE')),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://', description: 'a redis:// or rediss:// URL' })),
  PODPLAY_REDIS_REQUIRED: Type.Boolean({ default: false, description: 'true or false' }),
  PODPLAY_ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16, description: 'a token of at least 16 characters' })),
  PODPLAY_TOKEN_CACHE_MS: Type.Integer({ default: 10_000, minimum: 0, description: 'milliseconds a verified token is trusted before the database is asked again (0: every request)' }),
  PODPLAY_SECRET_KEY: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: '64 hex digits (a 256-bit key)' })),
  PODPLAY_CORS_ORIGINS: Type.String({
    // Empty by default: pages the service serves itself are same-origin and need no entry.
    default: '',
    pattern: '^(\\s*https?://[^,\\s]+(\\s*,\\s*https?://[^,\\s]+)*\\s*)?$',
    description: 'a comma-separated list of http(s) origins'
  }),
  PODPLAY_ALLOWED_HOSTS: Type.Optional(Type.String({
    pattern: `^\\s*(\\*|${HOST_NAME}(\\s*,\\s*${HOST_NAME})*)\\s*$`,
    description: 'a comma-separated list of host names or addresses without a port (a leading dot also allows subdomains), or *'
  })),
  PODPLAY_AI_PROVIDER: Type.Union(AiProviderName.anyOf, { default: 'embedded', description: 'embedded, openai, anthropic or gemini' }),
  OPENAI_BASE_URL: Type.Optional(Url('an http(s) URL')),
  OPENAI_API_KEY: Type.Optional(Type.String()),
  OPENAI_MODEL: Type.Optional(Type.String({ minLength: 1 })),
  ANTHROPIC_BASE_URL: Type.Optional(Url('an http(s) URL')),
  ANTHROPIC_API_KEY: Type.Optional(Type.String()),
  ANTHROPIC_MODEL: Type.Optional(Type.String({ minLength: 1 })),
  GEMINI_BASE_URL: Type.Optional(Url('an http(s) URL')),
  GEMINI_API_KEY: Type.Optional(Type.String()),
  GEMINI_MODEL: Type.Optional(Type.String({ minLength: 1 })),
  PODPLAY_AI_TIMEOUT_MS: Type.Integer({ default: 60_000, minimum: 100, description: 'milliseconds an AI provider may stay silent, at least 100' }),
  PODPLAY_AI_MAX_RETRIES: Type.Integer({ default: 2, minimum: 0, maximum: 10, description: 'retries on 429/5xx, 0–10' }),
  PODPLAY_AI_MAX_TOOL_STEPS: Type.Integer({ default: 5, minimum: 0, maximum: 20, description: 'tool-calling rounds per answer, 0–20' }),
  PODPLAY_MAX_GENERATIONS_PER_USER: Type.Integer({ default: 2, minimum: 1, maximum: 100, description: 'concurrent answers per user, 1–100' }),
  PODPLAY_CATALOG: Type.Optional(Type.String({ minLength: 1, description: 'a catalog file path' })),
  PODPLAY_MCP_CALL_TIMEOUT_MS: Type.Integer({ default: 60_000, minimum: 100, description: 'milliseconds a tool call may take before it is cancelled, at least 100' }),
  PODPLAY_MCP_HEARTBEAT_MS: Type.Integer({ default: 15_000, minimum: 0, description: 'milliseconds between pings of a running remote MCP server (0: none)' }),
  PODPLAY_MCP_MAX_PER_USER: Type.Integer({ default: 5, minimum: 1, description: 'running MCP servers per user, at least 1' }),
  PODPLAY_MCP_MAX_TOTAL: Type.Integer({ default: 20, minimum: 1, description: 'running MCP servers in total, at least 1' }),
  PODPLAY_MCP_SESSION_IDLE_MS: Type.Integer({ default: 1_800_000, minimum: 1000, description: 'milliseconds an MCP gateway session may go without a request or an open stream before it is closed, at least 1000' }),
  PODPLAY_MCP_MAX_SESSIONS_PER_USER: Type.Integer({ default: 10, minimum: 1, maximum: 1000, description: 'open MCP gateway sessions per user, 1–1000' }),
  PODPLAY_MCP_GATEWAY_NAME_MAX: Type.Integer({ default: 48, minimum: 16, maximum: 64, description: 'the longest tool or prompt name the MCP gateway exposes, 16–64' }),
  PODPLAY_WORKSPACE_MAX_READ_BYTES: Type.Integer({ default: 1_048_576, minimum: 1, description: 'the largest workspace file a read returns, in bytes, at least 1' }),
  PODPLAY_WORKSPACE_MAX_WRITE_BYTES: Type.Integer({ default: 1_048_576, minimum: 1, description: 'the largest workspace file a write accepts, in bytes, at least 1' }),
  PODPLAY_WORKSPACE_SEARCH_MAX_RESULTS: Type.Integer({ default: 200, minimum: 1, maximum: 10_000, description: 'the most matches a workspace search returns, 1–10000' }),
  PODPLAY_WORKSPACE_CHANGE_WINDOW_MS: Type.Integer({ default: 100, minimum: 0, maximum: 10_000, description: 'milliseconds over which changes to one path are coalesced, 0–10000' }),
  LOG_LEVEL: Type.Union(LogLevel.anyOf, { default: 'info', description: 'fatal, error, warn, info, debug, trace or silent' }),
  PODPLAY_BODY_LIMIT: Type.Integer({ default: 1_048_576, minimum: 1024, description: 'a byte count of at least 1024' }),
  PODPLAY_RATE_LIMIT_MAX: Type.Integer({ default: 600, minimum: 1, description: 'requests per minute, at least 1' }),
  PODPLAY_REQUEST_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 1000, description: 'milliseconds, at least 1000' }),
  PODPLAY_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1000, minimum: 0, description: 'milliseconds (0 turns load shedding off)' }),
  PODPLAY_STATUS_INTERVAL_MS: Type.Integer({ default: 5000, minimum: 250, description: 'milliseconds, at least 250' }),
  PODPLAY_METRICS_PUBLIC: Type.Boolean({ default: false, description: 'true or false' }),
  PODPLAY_SHUTDOWN_GRACE_MS: Type.Optional(PositiveInt),
  PODPLAY_TERMINAL_IDLE_MS: Type.Integer({ default: 1_800_000, minimum: 100, description: 'milliseconds without input, output or a client joining before a terminal is closed, at least 100' }),
  PODPLAY_MAX_TERMINALS: Type.Integer({ default: 10, minimum: 1, maximum: 1000, description: 'how many terminals may be open at once, 1–1000' })
})
export type Env = Static<typeof EnvSchema>
