import { Markdown } from '../../ui/markdown'
import type { Shown } from './messages'

/** A result that is JSON, indented to be read; anything else as it came. */
function readable (result: string): string {
  try {
    return JSON.stringify(JSON.parse(result), null, 2)
  } catch {
    return result
  }
}

function ToolCalls ({ calls }: { calls: Shown['tool_calls'] }) {
  return (
    <>
      {calls.map((call) => (
        <details key={call.id} class={`tool-call ${call.is_error ? 'is-error' : ''}`} data-testid='tool-call'>
          <summary>
            Tool <code>{call.name}</code> · {call.result === null ? 'running…' : call.is_error ? 'failed' : 'done'}
          </summary>
          <p class='hint'>Arguments</p>
          <pre>{JSON.stringify(call.arguments, null, 2)}</pre>
          {call.result !== null && (<><p class='hint'>Result</p><pre>{readable(call.result)}</pre></>)}
        </details>
      ))}
    </>
  )
}

const endings: Partial<Record<Shown['status'], string>> = { stopped: 'stopped', error: 'failed' }

/** One message: Markdown without raw HTML, tool calls collapsed, and how an answer ended. */
export function MessageView ({ message }: { message: Shown }) {
  const generating = message.status === 'generating'
  return (
    <li class={`message ${message.role} ${message.status}`} data-testid={`message-${message.role}`} aria-busy={generating}>
      <p class='message-meta'>
        <strong>{message.role === 'user' ? 'You' : 'Mama Bear'}</strong>
        {message.model && <span class='muted'> · {message.provider} {message.model}</span>}
        {generating && <span class='badge starting'>writing…</span>}
        {endings[message.status] && <span class={`badge ${message.status === 'error' ? 'crashed' : 'updated'}`}>{endings[message.status]}</span>}
      </p>
      <ToolCalls calls={message.tool_calls} />
      {message.content !== '' && <Markdown text={message.content} class='message-text' />}
      {generating && message.content === '' && message.tool_calls.length === 0 && <p class='muted'>Thinking…</p>}
      {message.error && <p class='state error'>{message.error.message} <span class='error-meta'>{message.error.code}</span></p>}
    </li>
  )
}
