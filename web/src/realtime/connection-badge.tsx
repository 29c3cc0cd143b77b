import { useEffect, useState } from 'preact/hooks'
import type { Connection, ConnectionState } from './connection'

const labels: Record<ConnectionState['status'], string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Refused'
}

export function useConnectionState (connection: Connection): ConnectionState {
  const [state, setState] = useState(connection.current)
  useEffect(() => {
    setState(connection.current)
    return connection.onState(setState)
  }, [connection])
  return state
}

/** The socket's state, always on screen: live, reconnecting (and why), or refused with the service's message. */
export function ConnectionBadge ({ connection }: { connection: Connection }) {
  const state = useConnectionState(connection)
  const detail = 'message' in state ? state.message : undefined
  return (
    <span class={`connection ${state.status}`} role='status' data-testid='connection' title={detail}>
      <span class='dot' aria-hidden='true' />
      {/* One text, so the badge's gap does not open between the state and its reason. */}
      <span class='connection-detail'>{labels[state.status]}{detail && `: ${detail}`}</span>
    </span>
  )
}
