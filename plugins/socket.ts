import fp from 'fastify-plugin'
import socketIoModule from 'fastify-socket.io'
import type { FastifyError } from 'fastify'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import type { TSchema } from '@sinclair/typebox'
import { clientEvents } from '../schemas/socket.js'
import { connectRedisAdapter } from './socket-redis.js'
import { socketOriginGuard } from './socket-origin.js'
import { releaseHandshakeRequests } from './socket-memory.js'
import { announceShutdown } from './socket-shutdown.js'
import { socketBridges, socketHandlers } from '../sockets/index.js'
import { SYSTEM_STATUS_ROOM, userRoom, type SocketContext, type TypedServer, type TypedSocket } from '../sockets/types.js'

declare module 'fastify' {
  interface FastifyInstance {
    io: TypedServer
  }
}

type ClientEvent = keyof typeof clientEvents
type AnyHandler = (context: SocketContext, payload: unknown) => unknown

/** Every client event's handler, by event name. */
const handlers = new Map<string, AnyHandler>(socketHandlers.flatMap((domain) => Object.entries(domain) as Array<[ClientEvent, AnyHandler]>))

// Under ESM the CommonJS build's default export arrives as the module object.
const socketIoPlugin = socketIoModule.default

const validators = Object.fromEntries(Object.entries(clientEvents)
  .map(([event, schema]) => [event, TypeCompiler.Compile(schema as TSchema)])) as Record<ClientEvent, TypeCheck<TSchema>>

function payloadProblem (event: ClientEvent, payload: unknown): string | undefined {
  const first = validators[event].Errors(payload).First()
  if (!first) return undefined
  return `${event} payload${first.path ? ` ${first.path}` : ''}: ${first.message}`
}

/**
 * Socket.IO on the HTTP server. The handshake must pass the origin policy and bring a token; every inbound
 * payload is validated before a handler sees it, and a failure answers with an `error` event (and
 * the ack, when one was asked) while the socket stays connected.
 */
export default fp(async (fastify) => {
  await fastify.register(socketIoPlugin, {
    path: '/socket.io/',
    cors: { origin: fastify.config.corsOrigins, credentials: true },
    // @fastify/websocket owns other upgrade paths; engine.io must not close them after its timeout.
    destroyUpgrade: false,
    // Clients bundle socket.io-client themselves (the dashboard does); serving it would put one more
    // check in front of every HTTP request.
    serveClient: false,
    preClose (done) {
      announceShutdown(fastify.io)
      done()
    }
  })
  const io = fastify.io
  io.engine.use(socketOriginGuard(fastify.originPolicy, fastify.log))
  releaseHandshakeRequests(io)

  if (fastify.config.redisUrl) {
    // Several instances: a broadcast to a room reaches the room's sockets on every instance.
    const redis = await connectRedisAdapter(fastify.config.redisUrl, fastify.log)
    io.adapter(redis.adapter)
    // Degraded, not failing, unless PODPLAY_REDIS_REQUIRED: without Redis the instance still serves
    // everything and its own sockets, and failing every instance at once would take them all out.
    fastify.health.registerCheck('redis', async () => {
      if (!redis.ready()) throw new Error('Redis connection lost; reconnecting; broadcasts reach this instance\'s sockets only')
      return 'relaying Socket.IO broadcasts between instances'
    }, { essential: fastify.config.redisRequired })
    fastify.addHook('onClose', async () => {
      // The adapter unsubscribes while closing, so Socket.IO closes before the connections do; but
      // with Redis lost, the unsubscribe would wait for a reconnection that may never come.
      if (!redis.ready()) await redis.close()
      await io.close()
      await redis.close()
    })
  }

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token
    fastify.authenticateToken(typeof token === 'string' ? token : undefined)
      .then((principal) => {
        socket.data.principal = principal
        next()
      })
      .catch((error: FastifyError) => {
        next(Object.assign(new Error(error.message), { data: { code: error.code } }))
      })
  })

  io.on('connection', (socket) => {
    const principal = socket.data.principal
    socket.join(userRoom(principal.userId))
    // Shared listeners (they read the socket from `this`): per-socket closures, one per event, cost
    // memory on every one of thousands of idle sockets.
    socket.onAny(dispatch)
    socket.onAnyOutgoing(countOutgoing)
    fastify.systemStatus()
      .then((status) => socket.emit('connected', {
        status: 'success',
        message: 'Connected to Podplay Sanctuary',
        client_id: socket.id,
        timestamp: status.timestamp,
        services: status.services,
        user: { id: principal.userId, name: principal.userName, scopes: principal.scopes }
      }))
      .catch((error: Error) => fastify.log.error({ err: error }, 'could not greet a socket'))
  })

  for (const bridge of socketBridges) bridge(fastify, io)

  fastify.health.registerCheck('socket', async () => `${io.engine.clientsCount} connected`)
  fastify.health.registerGauge('connected_clients', () => io.engine.clientsCount)
  fastify.health.registerGauge('users_online', () => new Set([...io.of('/').sockets.values()].map((socket) => socket.data.principal.userId)).size)

  // One status computation per tick, shared by every subscriber.
  const ticker = setInterval(() => {
    if (!io.sockets.adapter.rooms.get(SYSTEM_STATUS_ROOM)?.size) return
    fastify.systemStatus()
      .then((status) => io.to(SYSTEM_STATUS_ROOM).emit('system_status', status))
      .catch((error: Error) => fastify.log.error({ err: error }, 'system status broadcast failed'))
  }, fastify.config.statusIntervalMs)
  ticker.unref()
  fastify.addHook('onClose', async () => { clearInterval(ticker) })

  function countOutgoing (event: string) {
    fastify.metrics.socketEvents.inc({ event, direction: 'out' })
  }

  /** Every client event: counted, its payload validated, then its handler; an unknown event is only counted. */
  function dispatch (this: TypedSocket, event: string, ...args: unknown[]) {
    fastify.metrics.socketEvents.inc({ event, direction: 'in' })
    const handler = handlers.get(event)
    if (!handler) return
    const socket = this
    const ack = typeof args.at(-1) === 'function' ? args.pop() as (response: unknown) => void : undefined
    const payload = args[0]
    const fail = (message: string, code: string) => {
      const error = { message, code, event }
      socket.emit('error', error)
      ack?.({ error })
    }
    const problem = payloadProblem(event as ClientEvent, payload)
    if (problem) return fail(problem, 'INVALID_PAYLOAD')
    const context: SocketContext = { app: fastify, io, socket, principal: socket.data.principal }
    Promise.resolve()
      .then(() => handler(context, payload))
      .then((result) => ack?.(result ?? { ok: true }))
      .catch((error: FastifyError) => {
        // As over HTTP: only a 500 hides its message; a 502 or 503 says what is unavailable.
        const internal = (error.statusCode ?? 500) === 500
        if (internal) fastify.log.error({ err: error, event }, 'socket handler failed')
        fail(internal ? 'An internal error occurred' : error.message, internal ? 'INTERNAL_ERROR' : (error.code ?? 'ERROR'))
      })
  }
}, { name: 'socket', dependencies: ['config', 'origin-policy', 'auth', 'health', 'metrics'] })
