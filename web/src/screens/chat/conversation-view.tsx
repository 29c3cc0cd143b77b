import { useEffect, useRef, useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { api, call } from '../../api/client'
import { useSocketEvent, useSubscription } from '../../realtime/hooks'
import { useSession } from '../../session/session'
import { ScopedButton } from '../../ui/scoped-button'
import { Empty, ErrorNote, Loading } from '../../ui/states'
import { Composer } from './composer'
import { asked, chunk, finished, fromStored, joined, started, toolEvent, type Shown } from './messages'
import { MessageView } from './message-view'

/** Downloads a conversation's export (Markdown or JSON) as a file. */
async function download (id: string, format: 'markdown' | 'json', title: string) {
  const text = await call(api.GET('/api/chat/conversations/{id}/export', { params: { path: { id }, query: { format } }, parseAs: 'text' }))
  const url = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'text/markdown' }))
  const link = Object.assign(document.createElement('a'), { href: url, download: `${title.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'conversation'}.${format === 'json' ? 'json' : 'md'}` })
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * A conversation: its messages, the answer streaming in piece by piece over Socket.IO, Stop, and
 * the composer. `id` undefined is a new conversation, created by the first message.
 */
export function ConversationView ({ id, changed }: { id?: string, changed: () => void }) {
  const { connection } = useSession()
  const { route } = useLocation()
  const [messages, setMessages] = useState<Shown[]>([])
  const [title, setTitle] = useState('New conversation')
  const [loading, setLoading] = useState(id !== undefined)
  const [error, setError] = useState<Error>()
  const list = useRef<HTMLOListElement>(null)
  // Follow the answer as it grows, unless the reader scrolled up to read something earlier.
  const pinned = useRef(true)
  const shown = useRef(messages)
  shown.current = messages

  const load = () => {
    if (!id) return
    call(api.GET('/api/chat/conversations/{id}', { params: { path: { id } } })).then((conversation) => {
      setTitle(conversation.title)
      // The stored text of an answer still being written is empty; the join below fills it in.
      setMessages((previous) => conversation.messages.map((message) => {
        const shown = previous.find((candidate) => candidate.id === message.id)
        return message.status === 'generating' && shown ? shown : fromStored(message)
      }))
      setLoading(false)
    }, (failure: Error) => { setError(failure); setLoading(false) })
  }
  useEffect(load, [id])

  // Follow the conversation, again after every reconnect: the ack brings the answer in progress.
  useSubscription({
    event: 'mama_bear_join',
    payload: id ? { conversation_id: id } : undefined,
    release: 'mama_bear_leave',
    releasePayload: id ? { conversation_id: id } : undefined,
    onAck: (ack) => {
      if ('error' in ack && ack.error && 'event' in ack.error) { setError(new Error(ack.error.message)); return }
      const join = ack as Parameters<typeof joined>[1]
      setMessages((previous) => joined(previous, join))
      // An answer that ended while the page was away: its final text is stored by now.
      if (!join.generating && shown.current.some((message) => message.status === 'generating')) load()
    }
  })
  const mine = <T extends { conversation_id: string }>(handler: (event: T) => void) => (event: T) => { if (event.conversation_id === id) handler(event) }
  useSocketEvent('mama_bear_chunk', mine((piece) => setMessages((previous) => chunk(previous, piece))))
  useSocketEvent('mama_bear_tool_call', mine((event) => setMessages((previous) => toolEvent(previous, event))))
  useSocketEvent('mama_bear_tool_result', mine((event) => setMessages((previous) => toolEvent(previous, event))))
  useSocketEvent('mama_bear_response', mine((reply) => { setMessages((previous) => finished(previous, reply)); changed() }))

  useEffect(() => {
    const box = list.current
    if (box && pinned.current) box.scrollTop = box.scrollHeight
  }, [messages])

  const generating = messages.some((message) => message.status === 'generating')

  const send = async (text: string): Promise<boolean> => {
    setError(undefined)
    // Shown at once, before the answer's first pieces (which may come before the acknowledgement).
    const question = `question-${Date.now()}`
    setMessages((previous) => asked(previous, question, text))
    try {
      const answer = await connection.request('mama_bear_chat', { message: text, ...(id ? { conversation_id: id } : {}) })
      if (id) {
        setMessages((previous) => started(previous, answer.message_id))
      } else {
        changed()
        route(`/chat/${answer.conversation_id}`, true)
      }
      return true
    } catch (failure) {
      setMessages((previous) => previous.filter((message) => message.id !== question))
      setError(failure as Error)
      return false
    }
  }

  const stop = () => {
    if (!id) return
    connection.request('mama_bear_stop', { conversation_id: id }).then(
      (reply) => setMessages((previous) => finished(previous, reply)),
      (failure: Error) => setError(failure)
    )
  }

  const remove = async () => {
    if (!id || !confirm(`Delete “${title}” and all its messages?`)) return
    try {
      await call(api.DELETE('/api/chat/conversations/{id}', { params: { path: { id } } }))
      changed()
      route('/chat', true)
    } catch (failure) {
      setError(failure as Error)
    }
  }

  return (
    <section class='conversation' aria-labelledby='conversation-title'>
      <header class='conversation-header'>
        <h1 id='conversation-title'>{title}</h1>
        {id && (
          <div class='actions'>
            <button type='button' class='secondary' onClick={() => { download(id, 'markdown', title).catch(setError) }}>Export Markdown</button>
            <button type='button' class='secondary' onClick={() => { download(id, 'json', title).catch(setError) }}>Export JSON</button>
            <ScopedButton class='danger' onClick={() => { remove().catch(setError) }}>Delete</ScopedButton>
          </div>
        )}
      </header>
      {loading && <Loading what='the conversation' />}
      {!loading && messages.length === 0 && <Empty>Ask Mama Bear anything: “Find me a database server”, “What is running?”, “Today's briefing”.</Empty>}
      <ol
        class='messages' aria-label='Messages' aria-live='polite' ref={list} tabIndex={0}
        onScroll={(event) => { const box = event.currentTarget; pinned.current = box.scrollTop + box.clientHeight >= box.scrollHeight - 24 }}
      >
        {messages.map((message) => <MessageView key={message.id} message={message} />)}
      </ol>
      {error && <ErrorNote error={error} />}
      <Composer generating={generating} send={send} stop={stop} />
    </section>
  )
}
