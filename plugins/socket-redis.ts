import { createAdapter } from '@socket.io/redis-adapter'
import { createClient } from 'redis'
import type { FastifyBaseLogger } from 'fastify'
import { redactUrlCredentials } from '../services/control/redact.js'
import { StartupError } from './startup-error.js'

/** Attempts at the first connection before the start fails: a wrong REDIS_URL should stop the start, not hang it. */
const FIRST_CONNECT_ATTEMPTS = 3
const RECONNECT_MAX_DELAY_MS = 5000

export class RedisUnavailableError extends StartupError {
  constructor (url: string, cause: Error) {
    super(`Redis at ${redactUrlCredentials(url)} is unreachable: ${cause.message}`)
    this.name = 'RedisUnavailableError'
  }
}

export interface RedisAdapterConnection {
  /** The Socket.IO adapter that relays room broadcasts through Redis to every instance. */
  adapter: ReturnType<typeof createAdapter>
  /** Whether both connections are up (they reconnect with backoff after a loss). */
  ready: () => boolean
  /** Closes both connections: gracefully when up, at once when waiting to reconnect; a no-op once closed. */
  close: () => Promise<void>
}

/**
 * The adapter fires these commands and never looks at their outcome: a publish (it has already
 * delivered to this instance's sockets) or, while closing, an unsubscribe. Failing while Redis is
 * away, each would be an unhandled rejection, which ends the process.
 */
function forgetFailures (client: object, ...methods: string[]): void {
  for (const method of methods) {
    const original = (client as Record<string, (...args: unknown[]) => Promise<unknown>>)[method].bind(client)
    Object.defineProperty(client, method, { value: (...args: unknown[]) => original(...args).catch(() => undefined) })
  }
}

/**
 * The publish and subscribe connections the Socket.IO Redis adapter needs. After the first
 * connection a lost one is retried with backoff for as long as the service runs; broadcasts made
 * meanwhile reach this instance's own clients only.
 */
export async function connectRedisAdapter (url: string, log: FastifyBaseLogger): Promise<RedisAdapterConnection> {
  let connectedOnce = false
  const options = {
    url,
    socket: {
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!connectedOnce && retries >= FIRST_CONNECT_ATTEMPTS) return new RedisUnavailableError(url, cause)
        return Math.min(100 * 2 ** retries, RECONNECT_MAX_DELAY_MS)
      }
    }
  }
  // A publish while Redis is away fails at once instead of waiting in a queue that would grow
  // without bound and deliver stale broadcasts on reconnection. The subscriber keeps the default
  // queue, and node-redis subscribes it again on reconnection.
  const pub = createClient({ ...options, disableOfflineQueue: true })
  const sub = createClient(options)
  forgetFailures(pub, 'publish')
  forgetFailures(sub, 'unsubscribe', 'pUnsubscribe')
  for (const [role, client] of [['publish', pub], ['subscribe', sub]] as const) {
    client.on('error', (error: Error) => log.warn({ err: error, redis: redactUrlCredentials(url), role }, 'Redis connection problem'))
  }
  try {
    await Promise.all([pub.connect(), sub.connect()])
  } catch (error) {
    for (const client of [pub, sub]) if (client.isOpen) client.destroy()
    throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(url, error as Error)
  }
  connectedOnce = true
  return {
    adapter: createAdapter(pub, sub),
    ready: () => pub.isReady && sub.isReady,
    close: async () => {
      // A connection waiting to reconnect would hold a graceful close (and its queued commands) forever.
      await Promise.allSettled([pub, sub].map(async (client) => {
        if (client.isReady) await client.close()
        else if (client.isOpen) client.destroy()
      }))
    }
  }
}
