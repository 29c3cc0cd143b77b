import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fp from 'fastify-plugin'
import { Value } from '@sinclair/typebox/value'
import { EnvSchema, type AiProviderName, type Env, type LogLevel } from '../schemas/config.js'

export interface ProviderSettings {
  baseUrl?: string
  apiKey?: string
  model?: string
}

/** The validated configuration every plugin and service reads; built once from the environment. */
export interface Config {
  host: string
  port: number
  dataDir: string
  /** `postgres://…` selects PostgreSQL; otherwise the SQLite file path. */
  database: { kind: 'sqlite', file: string } | { kind: 'postgres', url: string }
  adminToken?: string
  secretKey?: string
  /** Other origins whose pages may call the service (same-origin pages need no entry). */
  corsOrigins: string[]
  /** Host names a request may be addressed to (DNS-rebinding protection), or '*' for any. */
  allowedHosts: string[] | '*'
  ai: {
    provider: AiProviderName
    openai: ProviderSettings
    anthropic: ProviderSettings
    gemini: ProviderSettings
    /** How long a provider may stay silent (per attempt before its answer starts, then between pieces). */
    timeoutMs: number
    maxRetries: number
    /** Tool-calling rounds in one answer before the model must reply in text. */
    maxToolSteps: number
    maxGenerationsPerUser: number
  }
  catalogPath: string
  mcp: {
    /** A tool call still unanswered after this long is cancelled. */
    callTimeoutMs: number
    maxPerUser: number
    maxTotal: number
    /** How often a running remote server is pinged; two unanswered pings in a row mark it crashed. */
    heartbeatMs: number
  }
  gateway: {
    /** A session with no request and no open stream for this long is closed. */
    sessionIdleMs: number
    /** Open sessions per user; opening one more closes the least recently active. */
    maxSessionsPerUser: number
    /** The longest tool or prompt name exposed, leaving room for the prefix clients add. */
    nameMaxLength: number
  }
  workspaces: {
    maxReadBytes: number
    maxWriteBytes: number
    searchMaxResults: number
    /** Changes to one path within this window reach clients as one workspace_change. */
    changeWindowMs: number
  }
  logLevel: LogLevel
  bodyLimit: number
  rateLimitMax: number
  /** Set when several instances share Socket.IO broadcasts through Redis. */
  redisUrl?: string
  /** Whether a lost Redis makes the instance not ready (503) rather than degraded. */
  redisRequired: boolean
  /** How long a verified token is trusted without asking the database again; 0 asks every time. */
  tokenCacheMs: number
  requestTimeoutMs: number
  maxEventLoopDelayMs: number
  statusIntervalMs: number
  metricsPublic: boolean
  shutdownGraceMs: number
  /** A terminal with no input or output for this long is closed. */
  terminalIdleMs: number
  maxTerminals: number
}

export class ConfigError extends Error {
  constructor (readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** The folder holding package.json, found from this file whether it runs as TypeScript or from dist/. */
export const projectRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir)
  return dir
})()

const secretVariables = new Set(['PODPLAY_ADMIN_TOKEN', 'PODPLAY_SECRET_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY'])

function readEnv (source: NodeJS.ProcessEnv): Env {
  const known: Record<string, string> = {}
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key]
    // An empty variable means "not set", the way shells and .env files usually mean it.
    if (value !== undefined && value !== '') known[key] = value
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, known))
  const problems = new Map<string, string>()
  for (const error of Value.Errors(EnvSchema, converted)) {
    const name = error.path.slice(1).split('/')[0]
    if (problems.has(name)) continue
    const expected = (error.schema as { description?: string }).description ?? error.message
    const shown = secretVariables.has(name) ? '(hidden)' : JSON.stringify(known[name])
    problems.set(name, `${name}=${shown}: expected ${expected}`)
  }
  if (problems.size > 0) throw new ConfigError([...problems.values()])
  return converted as Env
}

/** `sqlite://FILE` (or `sqlite://:memory:`), or the default file in the data directory. */
function sqliteFile (databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return join(dataDir, 'podplay.db')
  const file = databaseUrl.replace(/^sqlite:\/\//, '')
  return file === ':memory:' ? file : resolve(file)
}

function list (value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '')
}

/** An origin as browsers send it (scheme, host, port if not the default; no path). */
function originOf (value: string): string {
  try {
    return new URL(value).origin
  } catch {
    throw new ConfigError([`PODPLAY_CORS_ORIGINS=${JSON.stringify(value)}: expected a comma-separated list of http(s) origins`])
  }
}

/** Names that always reach this machine itself, so no DNS answer can point them elsewhere. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]']
/** Listening addresses that name no host: a request to such a service arrives under some other name. */
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]'])

/** The loopback names, HOST when it names one host, and the configured names; `*` turns the check off. */
function allowedHosts (configured: string | undefined, host: string): string[] | '*' {
  const names = list(configured ?? '').map((name) => name.toLowerCase())
  if (names.includes('*')) return '*'
  const listening = host.toLowerCase()
  const own = WILDCARD_ADDRESSES.has(listening) ? [] : [listening.includes(':') && !listening.startsWith('[') ? `[${listening}]` : listening]
  return [...new Set([...LOOPBACK_HOSTS, ...own, ...names])]
}

/** Reads and validates the environment; throws ConfigError naming every bad variable at once. */
export function loadConfig (source: NodeJS.ProcessEnv = process.env): Config {
  const env = readEnv(source)
  const dataDir = resolve(env.PODPLAY_DATA_DIR)
  const databaseUrl = env.DATABASE_URL
  return {
    host: env.HOST,
    port: env.PORT,
    dataDir,
    database: databaseUrl?.startsWith('postgres')
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'sqlite', file: sqliteFile(databaseUrl, dataDir) },
    adminToken: env.PODPLAY_ADMIN_TOKEN,
    secretKey: env.PODPLAY_SECRET_KEY,
    corsOrigins: list(env.PODPLAY_CORS_ORIGINS).map(originOf),
    allowedHosts: allowedHosts(env.PODPLAY_ALLOWED_HOSTS, env.HOST),
    ai: {
      provider: env.PODPLAY_AI_PROVIDER,
      openai: { baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL },
      anthropic: { baseUrl: env.ANTHROPIC_BASE_URL, apiKey: env.ANTHROPIC_API_KEY, model: env.ANTHROPIC_MODEL },
      gemini: { baseUrl: env.GEMINI_BASE_URL, apiKey: env.GEMINI_API_KEY, model: env.GEMINI_MODEL },
      timeoutMs: env.PODPLAY_AI_TIMEOUT_MS,
      maxRetries: env.PODPLAY_AI_MAX_RETRIES,
      maxToolSteps: env.PODPLAY_AI_MAX_TOOL_STEPS,
      maxGenerationsPerUser: env.PODPLAY_MAX_GENERATIONS_PER_USER
    },
    catalogPath: resolve(env.PODPLAY_CATALOG ?? join(projectRoot, 'data', 'mcp_servers.json')),
    mcp: {
      callTimeoutMs: env.PODPLAY_MCP_CALL_TIMEOUT_MS,
      maxPerUser: env.PODPLAY_MCP_MAX_PER_USER,
      maxTotal: env.PODPLAY_MCP_MAX_TOTAL,
      heartbeatMs: env.PODPLAY_MCP_HEARTBEAT_MS
    },
    gateway: {
      sessionIdleMs: env.PODPLAY_MCP_SESSION_IDLE_MS,
      maxSessionsPerUser: env.PODPLAY_MCP_MAX_SESSIONS_PER_USER,
      nameMaxLength: env.PODPLAY_MCP_GATEWAY_NAME_MAX
    },
    workspaces: {
      maxReadBytes: env.PODPLAY_WORKSPACE_MAX_READ_BYTES,
      maxWriteBytes: env.PODPLAY_WORKSPACE_MAX_WRITE_BYTES,
      searchMaxResults: env.PODPLAY_WORKSPACE_SEARCH_MAX_RESULTS,
      changeWindowMs: env.PODPLAY_WORKSPACE_CHANGE_WINDOW_MS
    },
    logLevel: env.LOG_LEVEL,
    bodyLimit: env.PODPLAY_BODY_LIMIT,
    rateLimitMax: env.PODPLAY_RATE_LIMIT_MAX,
    redisUrl: env.REDIS_URL,
    redisRequired: env.PODPLAY_REDIS_REQUIRED,
    tokenCacheMs: env.PODPLAY_TOKEN_CACHE_MS,
    requestTimeoutMs: env.PODPLAY_REQUEST_TIMEOUT_MS,
    maxEventLoopDelayMs: env.PODPLAY_MAX_EVENT_LOOP_DELAY_MS,
    statusIntervalMs: env.PODPLAY_STATUS_INTERVAL_MS,
    metricsPublic: env.PODPLAY_METRICS_PUBLIC,
    shutdownGraceMs: env.PODPLAY_SHUTDOWN_GRACE_MS ?? 10_000,
    terminalIdleMs: env.PODPLAY_TERMINAL_IDLE_MS,
    maxTerminals: env.PODPLAY_MAX_TERMINALS
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

/** Decorates the instance with the configuration that buildApp was given. */
export default fp<{ config: Config }>(async (fastify, { config }) => {
  fastify.decorate('config', config)
}, { name: 'config' })
