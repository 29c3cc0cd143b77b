import type { Turn } from './providers/types.js'
import type { StoredMessage } from './store.js'

/** Earlier tool results are summarised, not replayed whole: they matter less than the answer built on them. */
const NOTE_RESULT_LENGTH = 500

function toolNotes (message: StoredMessage): string[] {
  return message.toolCalls.map((call) => {
    const result = call.result === null ? 'no result' : call.result.slice(0, NOTE_RESULT_LENGTH)
    return `[used tool ${call.name} ${call.arguments}${call.is_error ? ' (failed)' : ''}: ${result}]`
  })
}

/**
 * The stored conversation as provider-neutral turns. Earlier answers' tool calls become notes in
 * the answer's text rather than structured tool turns: the tools may have changed since, another
 * provider may have made them, and some APIs refuse tool turns for tools no longer offered. A
 * failed answer with nothing said is left out; a stopped one says so.
 */
export function toTurns (messages: StoredMessage[]): Turn[] {
  const turns: Turn[] = []
  for (const message of messages) {
    if (message.role === 'user') {
      turns.push({ role: 'user', content: message.content })
      continue
    }
    const parts = [...toolNotes(message), message.content]
    if (message.stopped) parts.push('[the user stopped this answer here]')
    const content = parts.filter(Boolean).join('\n')
    if (content) turns.push({ role: 'assistant', content })
  }
  return turns
}
