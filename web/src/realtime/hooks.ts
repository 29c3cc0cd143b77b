import { useEffect, useRef } from 'preact/hooks'
import type { ClientEvent, ClientToServerEvents, ServerEvent, ServerToClientEvents } from '../../../schemas/socket'
import { useSession } from '../session/session'
import type { Keep } from './connection'

type Payload<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0]
type Listener = (payload: unknown) => void

/** Calls `handler` for every `event` from the page's socket while the component is on screen. */
export function useSocketEvent<E extends ServerEvent> (event: E, handler: ServerToClientEvents[E]): void {
  const { connection } = useSession()
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => {
    const listener: Listener = (payload) => (latest.current as Listener)(payload)
    const socket = connection.socket as unknown as { on: (event: string, listener: Listener) => void, off: (event: string, listener: Listener) => void }
    socket.on(event, listener)
    return () => socket.off(event, listener)
  }, [connection, event])
}

/**
 * A subscription held while the component is on screen (and its payload is defined): sent now and
 * after every reconnect, released when the component goes or the payload changes.
 */
export function useSubscription<E extends ClientEvent, R extends ClientEvent> (keep: Omit<Keep<E, R>, 'payload'> & { payload: Payload<E> | undefined }): void {
  const { connection } = useSession()
  const latest = useRef(keep)
  latest.current = keep
  const key = JSON.stringify(keep.payload)
  useEffect(() => {
    const { payload } = latest.current
    if (payload === undefined) return
    return connection.keep({ ...latest.current, payload, onAck: (ack) => latest.current.onAck?.(ack) })
  }, [connection, keep.event, key])
}
