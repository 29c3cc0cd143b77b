import type { Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents, clientEventAcks, clientEvents } from '../schemas/socket.js'
import type { Principal } from '../services/auth/tokens.js'

export type { ClientToServerEvents, ServerToClientEvents }
export interface SocketData {
  principal: Principal
}

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

/** What a handler gets: the shared services (through app), the server and the calling socket. */
export interface SocketContext {
  app: FastifyInstance
  io: TypedServer
  socket: TypedSocket
  principal: Principal
}

/** A handler's return value is the acknowledgement (schemas/socket.ts), when the client asked for one. */
export type EventHandler<E extends keyof typeof clientEvents> =
  (context: SocketContext, payload: Static<(typeof clientEvents)[E]>) => Static<(typeof clientEventAcks)[E]> | Promise<Static<(typeof clientEventAcks)[E]>>

/** One domain's handlers, registered by plugins/socket from sockets/index.ts. */
export type SocketHandlers = { [E in keyof typeof clientEvents]?: EventHandler<E> }

/**
 * Forwards a service's domain events to rooms. Services stay free of transport: they emit plain
 * events, and a bridge in sockets/ decides who hears them.
 */
export type SocketBridge = (app: FastifyInstance, io: TypedServer) => void

/** The room every socket of one user joins, for events addressed to that user. */
export const userRoom = (userId: string) => `user:${userId}`
export const SYSTEM_STATUS_ROOM = 'system_status'
