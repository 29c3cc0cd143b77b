import type { Schemas } from '../../api/client'
import type { ChatChunk, ChatToolEvent, MamaBearResponse } from '../../../../schemas/chat'
import type { SocketAck } from '../../../../schemas/socket'

type Message = Schemas['ChatMessage']
type ToolCall = Schemas['ChatToolCall']
type Joined = Exclude<SocketAck<'mama_bear_join'>, { error: unknown }>

/** A message as the page shows it; an answer being written also knows which piece comes next. */
export interface Shown {
  id: string
  role: 'user' | 'assistant'
  content: string
  status: Message['status']
  provider: string | null
  model: string | null
  error: { code: string, message: string } | null
  tool_calls: ToolCall[]
  /** The index of the next piece; pieces before it are already in `content`. */
  next: number
  /** Pieces that arrived ahead of a missing one, by index. */
  ahead: Record<number, string>
}

export function fromStored (message: Message): Shown {
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    status: message.status,
    provider: message.provider,
    model: message.model,
    error: message.error,
    tool_calls: message.tool_calls,
    next: 0,
    ahead: {}
  }
}

function answer (id: string): Shown {
  return { id, role: 'assistant', content: '', status: 'generating', provider: null, model: null, error: null, tool_calls: [], next: 0, ahead: {} }
}

/** `messages` with the message `id` changed by `change`; an answer not seen yet is added first. */
function withMessage (messages: Shown[], id: string, change: (message: Shown) => Shown): Shown[] {
  const found = messages.some((message) => message.id === id)
  return (found ? messages : [...messages, answer(id)]).map((message) => message.id === id ? change(message) : message)
}

/** A user's question, shown before the service has stored it. */
export function asked (messages: Shown[], id: string, text: string): Shown[] {
  return [...messages, { ...answer(id), role: 'user', content: text, status: 'complete' }]
}

/** An answer that has started: shown as being written until its pieces come. */
export function started (messages: Shown[], id: string): Shown[] {
  return withMessage(messages, id, (message) => message)
}

/** A (re)join: the answer in progress as far as it has got, replacing what the page had of it. */
export function joined (messages: Shown[], ack: Joined): Shown[] {
  const progress = ack.answer
  if (!progress) return messages
  return withMessage(messages, progress.message_id, (message) => {
    // Pieces already received beyond the ack's text stay; the ones it holds are dropped.
    const ahead = Object.fromEntries(Object.entries(message.ahead).filter(([index]) => Number(index) >= progress.next_index))
    return drain({ ...message, status: 'generating', content: progress.content, next: progress.next_index, ahead })
  })
}

/** Appends pieces in index order: a repeated one is dropped, an early one waits for the gap to fill. */
function drain (message: Shown): Shown {
  let { content, next } = message
  const ahead = { ...message.ahead }
  while (ahead[next] !== undefined) {
    content += ahead[next]
    delete ahead[next]
    next++
  }
  return { ...message, content, next, ahead }
}

export function chunk (messages: Shown[], piece: ChatChunk): Shown[] {
  return withMessage(messages, piece.message_id, (message) => {
    if (message.status !== 'generating' || piece.index < message.next) return message
    return drain({ ...message, ahead: { ...message.ahead, [piece.index]: piece.delta } })
  })
}

export function toolEvent (messages: Shown[], event: ChatToolEvent): Shown[] {
  return withMessage(messages, event.message_id, (message) => {
    const others = message.tool_calls.filter((call) => call.id !== event.tool_call.id)
    return { ...message, tool_calls: [...others, event.tool_call].sort((a, b) => a.step - b.step || a.created_at.localeCompare(b.created_at)) }
  })
}

/** The end of an answer: its whole text (partial when stopped), how it ended, its tool calls. */
export function finished (messages: Shown[], reply: Pick<MamaBearResponse, 'message_id' | 'response' | 'stopped' | 'success' | 'error' | 'tool_calls' | 'provider' | 'model'>): Shown[] {
  return withMessage(messages, reply.message_id, (message) => ({
    ...message,
    content: reply.response,
    status: reply.stopped ? 'stopped' : reply.success ? 'complete' : 'error',
    error: reply.error,
    tool_calls: reply.tool_calls,
    provider: reply.provider,
    model: reply.model,
    ahead: {}
  }))
}
