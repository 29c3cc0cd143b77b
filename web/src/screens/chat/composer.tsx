import { useState } from 'preact/hooks'
import { useConnectionState } from '../../realtime/connection-badge'
import { usePermission, useSession } from '../../session/session'

/** The message box: Enter sends, Shift+Enter starts a new line; Stop while an answer is written. */
export function Composer ({ generating, send, stop }: { generating: boolean, send: (text: string) => Promise<boolean>, stop: () => void }) {
  const [text, setText] = useState('')
  const { connection } = useSession()
  const live = useConnectionState(connection).status === 'connected'
  const { allowed, reason } = usePermission('write')
  const why = reason ?? (live ? undefined : 'Not connected to the service; waiting for the connection to come back')

  const submit = async (event?: Event) => {
    event?.preventDefault()
    if (text.trim() === '' || generating || why) return
    if (await send(text)) setText('')
  }

  return (
    <form class='composer' onSubmit={submit}>
      <label for='message' class='visually-hidden'>Message Mama Bear</label>
      <textarea
        id='message' value={text} rows={3} placeholder='Ask Mama Bear… (Enter sends, Shift+Enter for a new line)' disabled={!allowed}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => { if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { submit(event).catch(() => {}) } }}
      />
      <div class='actions'>
        {generating
          ? <button type='button' class='danger' onClick={stop}>Stop</button>
          : <button type='submit' disabled={Boolean(why) || text.trim() === ''} title={why}>Send</button>}
        {why && <span class='disabled-reason'>{why}</span>}
      </div>
    </form>
  )
}
