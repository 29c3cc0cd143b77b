import type { Selectable } from 'kysely'
import type { MessagesTable, ToolCallsTable } from '../../migrations/tables.js'
import type { ChatError, ChatMessage, ChatTimings, ChatToolCall, ChatUsage, MessageStatus } from '../../schemas/chat.js'

export type MessageRow = Selectable<MessagesTable>
export type ToolCallRow = Selectable<ToolCallsTable>

export const noUsage: ChatUsage = { input_tokens: null, output_tokens: null, total_tokens: null }

function parsed<T> (json: string | null): T | null {
  return json === null ? null : JSON.parse(json) as T
}

export function messageStatus (row: Pick<MessageRow, 'completed_at' | 'stopped' | 'error'>): MessageStatus {
  if (row.completed_at === null) return 'generating'
  if (row.stopped) return 'stopped'
  return row.error === null ? 'complete' : 'error'
}

export function toToolCall (row: ToolCallRow): ChatToolCall {
  return {
    id: row.id,
    name: row.name,
    arguments: JSON.parse(row.arguments) as Record<string, unknown>,
    result: row.result,
    is_error: row.is_error === 1,
    step: row.step,
    created_at: row.created_at,
    completed_at: row.completed_at
  }
}

export function toMessage (row: MessageRow, toolCalls: ToolCallRow[]): ChatMessage {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    role: row.role as ChatMessage['role'],
    content: row.content,
    status: messageStatus(row),
    provider: row.provider,
    model: row.model,
    usage: parsed<ChatUsage>(row.usage),
    timings: parsed<ChatTimings>(row.timings),
    stopped: row.stopped === 1,
    error: parsed<ChatError>(row.error),
    tool_calls: toolCalls.map(toToolCall),
    created_at: row.created_at,
    completed_at: row.completed_at
  }
}

/** Opaque page cursors: the sort key of the last item shown, so a page never repeats or skips rows. */
export function encodeCursor (key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor (cursor: string): [string, string] | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) return key as [string, string]
  } catch {}
  return null
}
