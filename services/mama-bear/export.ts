import type { ChatMessage, Conversation } from '../../schemas/chat.js'

function speaker (message: ChatMessage): string {
  if (message.role === 'user') return 'You'
  return `Mama Bear (${message.provider ?? 'unknown'}${message.model ? ` · ${message.model}` : ''})`
}

function status (message: ChatMessage): string {
  if (message.status === 'stopped') return ' _(stopped)_'
  if (message.status === 'generating') return ' _(still being written)_'
  if (message.error) return ` _(failed: ${message.error.message})_`
  return ''
}

function toolLines (message: ChatMessage): string[] {
  return message.tool_calls.map((call) => {
    const outcome = call.result === null ? 'no result' : call.is_error ? 'failed' : 'ok'
    return `> 🔧 \`${call.name}\` ${JSON.stringify(call.arguments)} (${outcome})`
  })
}

/** A conversation as a Markdown document a person can read or archive. */
export function exportMarkdown (conversation: Conversation): string {
  const lines = [
    `# ${conversation.title}`,
    '',
    `_Conversation ${conversation.id}, started ${conversation.created_at}, ${conversation.message_count} messages._`,
    ''
  ]
  for (const message of conversation.messages) {
    lines.push(`## ${speaker(message)} · ${message.created_at}${status(message)}`, '')
    const tools = toolLines(message)
    if (tools.length > 0) lines.push(...tools, '')
    if (message.content) lines.push(message.content, '')
  }
  return lines.join('\n')
}
