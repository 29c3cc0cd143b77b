import { io, type Socket } from 'socket.io-client'
import type { ClientEvent, ClientToServerEvents, ServerToClientEvents, SocketAck, SocketError } from '../../../schemas/socket'

/** The page's one Socket.IO connection, typed with the event schemas the server validates with. */
export type PageSocket = Socket<ServerToClientEvents, ClientToServerEvents>

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected', since: Date }
  | { status: 'reconnecting', message: string }
  | { status: 'refused', message: string }

/** After the service closed the socket itself, how long before the page tries again. */
const SERVER_CLOSE_RETRY_MS = 1000

type Payload<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0]

/** A subscription the page keeps while a screen shows it: made again after every reconnect. */
interface Kept {
  event: ClientEvent
  payload: unknown
  onAck?: (ack: unknown) => void
}

/** What to keep: an event sent now and after every reconnect, and how it is released. */
export interface Keep<E extends ClientEvent, R extends ClientEvent> {
  event: E
  payload: Payload<E>
  release?: R
  releasePayload?: Payload<R>
  /** Told each acknowledgement: e.g. a conversation's answer in progress, on every rejoin. */
  onAck?: (ack: SocketAck<E>) => void
}

/**
 * Owns the socket: reports its state, sends requests with acknowledgements, and keeps
 * subscriptions (system status, a workspace, a conversation, a terminal) across reconnects.
 */
export class Connection {
  readonly socket: PageSocket
  private state: ConnectionState = { status: 'connecting' }
  private readonly listeners = new Set<(state: ConnectionState) => void>()
  private readonly kept = new Set<Kept>()
  private retry: ReturnType<typeof setTimeout> | undefined

  constructor (token: string) {
    // WebSocket first; long-polling only where a proxy refuses the upgrade.
    this.socket = io({ auth: { token }, transports: ['websocket', 'polling'] })
    this.socket.on('connect', () => {
      this.set({ status: 'connected', since: new Date() })
      for (const subscription of this.kept) this.emitRaw(subscription.event, subscription.payload, subscription.onAck)
    })
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return
      this.set({ status: 'reconnecting', message: reason === 'io server disconnect' ? 'the service closed the connection' : `connection lost (${reason})` })
      // Socket.IO retries by itself except when the service closed the socket (a restart, say):
      // try again then too; a service that refuses us now says why in connect_error.
      if (!this.socket.active) this.retry = setTimeout(() => this.socket.connect(), SERVER_CLOSE_RETRY_MS)
    })
    this.socket.on('connect_error', (error) => {
      // A refusal by the service's middleware (a bad token) is final; anything else is retried.
      if (this.socket.active) this.set({ status: 'reconnecting', message: error.message })
      else this.set({ status: 'refused', message: error.message })
    })
  }

  get current (): ConnectionState {
    return this.state
  }

  onState (listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  /** Sends an event and resolves with its acknowledgement, or rejects with the server's error. */
  async request<E extends ClientEvent> (event: E, payload: Payload<E>): Promise<Exclude<SocketAck<E>, { error: unknown }>> {
    const ack = await new Promise<SocketAck<E>>((resolve) => {
      (this.socket.emit as (event: string, payload: unknown, ack: (response: SocketAck<E>) => void) => void)(event, payload, resolve)
    })
    // A refusal is `{error: SocketError}`; a ChatReply also has an `error` field, null or the provider's.
    const failure = (ack as { error?: Partial<SocketError> | null }).error
    if (failure?.event !== undefined) throw Object.assign(new Error(failure.message), { code: failure.code })
    return ack as Exclude<SocketAck<E>, { error: unknown }>
  }

  /** Sends the event now and after every reconnect, until the returned function sends its release. */
  keep<E extends ClientEvent, R extends ClientEvent> ({ event, payload, release, releasePayload, onAck }: Keep<E, R>): () => void {
    const subscription: Kept = { event, payload, onAck: onAck as Kept['onAck'] }
    this.kept.add(subscription)
    if (this.socket.connected) this.emitRaw(event, payload, subscription.onAck)
    return () => {
      this.kept.delete(subscription)
      if (release && this.socket.connected) this.emitRaw(release, releasePayload)
    }
  }

  close (): void {
    clearTimeout(this.retry)
    this.kept.clear()
    this.socket.disconnect()
  }

  private emitRaw (event: ClientEvent, payload: unknown, onAck?: (ack: unknown) => void): void {
    const emit = this.socket.emit as (event: string, ...args: unknown[]) => void
    if (onAck) emit.call(this.socket, event, payload, onAck)
    else emit.call(this.socket, event, payload)
  }

  private set (state: ConnectionState): void {
    this.state = state
    for (const listener of this.listeners) listener(state)
  }
}
