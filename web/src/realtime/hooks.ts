import { useEffect, useRef } from 'preact/hooks'
import type { ClientEvent, ClientToServerEvents, ServerEvent, ServerToClientEvents } from '../../../schemas/socket'
import { useSession } from '../session/session'

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
 * A subscription held while the component is on screen (and `payload` is defined): sent now and
 * after every reconnect, released with `release` when the component goes or the payload changes.
 */
export function useSubscription<E extends ClientEvent, R extends ClientEvent> (event: E, payload: Payload<E> | undefined, release?: R, releasePayload?: Payload<R>): void {
  const { connection } = useSession()
  const key = JSON.stringify(payload)
  useEffect(() => {
    if (payload === undefined) return
    return connection.keep(event, payload, release, releasePayload)
  }, [connection, event, key])
}
