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
 * The publish and subscribe connections the Socket.IO Redis adapter needs. After the first
 * connection a lost one is retried with backoff for as long as the service runs; broadcasts made
 * meanwhile reach this instance's own clients only.
 */
export async function connectRedisAdapter (url: string, log: FastifyBaseLogger): Promise<RedisAdapterConnection> {
  let connectedOnce = false
  const pub = createClient({
    url,
    socket: {
      reconnectStrategy: (retries, cause) => {
        if (!connectedOnce && retries >= FIRST_CONNECT_ATTEMPTS) return new RedisUnavailableError(url, cause)
        return Math.min(100 * 2 ** retries, RECONNECT_MAX_DELAY_MS)
      }
    }
  })
  const sub = pub.duplicate()
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
