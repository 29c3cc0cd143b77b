import { Type, type Static } from '@sinclair/typebox'
import { Cursor, Limit, Timestamp } from './common.js'

export const MAX_MESSAGE_LENGTH = 10_000

export const ConversationId = Type.String({ minLength: 1, maxLength: 64 })

/** What a user says; at least one visible character, at most 10,000 (the original's limit). */
export const ChatInput = Type.Object({
  message: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH, pattern: '\\S' }),
  conversation_id: Type.Optional(ConversationId)
}, { $id: 'ChatInput', title: 'ChatInput' })
export type ChatInput = Static<typeof ChatInput>

export const ProviderName = Type.Union(['embedded', 'openai', 'anthropic', 'gemini'].map((name) => Type.Literal(name)))

export const ChatUsage = Type.Object({
  input_tokens: Type.Union([Type.Integer(), Type.Null()]),
  output_tokens: Type.Union([Type.Integer(), Type.Null()]),
  total_tokens: Type.Union([Type.Integer(), Type.Null()])
}, { $id: 'ChatUsage', title: 'ChatUsage', description: 'tokens as the provider counted them; null when it does not count (the embedded assistant)' })
export type ChatUsage = Static<typeof ChatUsage>

export const ChatTimings = Type.Object({
  started_at: Timestamp,
  first_chunk_ms: Type.Union([Type.Number(), Type.Null()]),
  duration_ms: Type.Number()
}, { title: 'ChatTimings' })
export type ChatTimings = Static<typeof ChatTimings>

export const ChatError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  provider: Type.String()
}, { title: 'ChatError' })
export type ChatError = Static<typeof ChatError>

export const ChatToolCall = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'the tool, e.g. marketplace_search or mcp__<server>__<tool>' }),
  arguments: Type.Record(Type.String(), Type.Unknown()),
  result: Type.Union([Type.String(), Type.Null()], { description: 'null until the tool answered' }),
  is_error: Type.Boolean(),
  step: Type.Integer({ minimum: 0 }),
  created_at: Timestamp,
  completed_at: Type.Union([Timestamp, Type.Null()])
}, { $id: 'ChatToolCall', title: 'ChatToolCall' })
export type ChatToolCall = Static<typeof ChatToolCall>

export const MessageStatus = Type.Union(['generating', 'complete', 'stopped', 'error'].map((status) => Type.Literal(status)))
export type MessageStatus = Static<typeof MessageStatus>

export const ChatMessage = Type.Object({
  id: Type.String(),
  conversation_id: Type.String(),
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
  content: Type.String(),
  status: MessageStatus,
  provider: Type.Union([Type.String(), Type.Null()]),
  model: Type.Union([Type.String(), Type.Null()]),
  usage: Type.Union([Type.Ref(ChatUsage), Type.Null()]),
  timings: Type.Union([ChatTimings, Type.Null()]),
  stopped: Type.Boolean(),
  error: Type.Union([ChatError, Type.Null()]),
  tool_calls: Type.Array(Type.Ref(ChatToolCall)),
  created_at: Timestamp,
  completed_at: Type.Union([Timestamp, Type.Null()])
}, { $id: 'ChatMessage', title: 'ChatMessage' })
export type ChatMessage = Static<typeof ChatMessage>

export const ConversationSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  message_count: Type.Integer({ minimum: 0 }),
  generating: Type.Boolean({ description: 'an answer is being generated right now' }),
  created_at: Timestamp,
  updated_at: Timestamp
}, { $id: 'ConversationSummary', title: 'ConversationSummary' })
export type ConversationSummary = Static<typeof ConversationSummary>

export const Conversation = Type.Composite([
  ConversationSummary,
  Type.Object({ messages: Type.Array(Type.Ref(ChatMessage)) })
], { $id: 'Conversation', title: 'Conversation' })
export type Conversation = Static<typeof Conversation>

export const ConversationPage = Type.Object({
  items: Type.Array(Type.Ref(ConversationSummary)),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ minimum: 0 })
}, { title: 'ConversationPage' })

/** The answer to a chat: the original's `{success, response}` plus where it was stored and by whom. */
export const ChatReply = Type.Object({
  success: Type.Boolean(),
  response: Type.String({ description: 'the answer text; partial when stopped' }),
  conversation_id: Type.String(),
  message_id: Type.String(),
  provider: Type.String(),
  model: Type.String(),
  usage: Type.Ref(ChatUsage),
  stopped: Type.Boolean(),
  tool_calls: Type.Array(Type.Ref(ChatToolCall)),
  error: Type.Union([ChatError, Type.Null()]),
  timestamp: Timestamp
}, { $id: 'ChatReply', title: 'ChatReply' })
export type ChatReply = Static<typeof ChatReply>

export const ListConversationsQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) })

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200, description: 'text to find, case-insensitive' }),
  limit: Limit,
  cursor: Type.Optional(Cursor)
})

export const SearchHit = Type.Object({
  conversation_id: Type.String(),
  conversation_title: Type.String(),
  message_id: Type.String(),
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
  snippet: Type.String({ description: 'the text around the first match' }),
  created_at: Timestamp
}, { title: 'SearchHit' })
export type SearchHit = Static<typeof SearchHit>

export const SearchPage = Type.Object({
  items: Type.Array(SearchHit),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ minimum: 0 })
}, { title: 'SearchPage' })

export const ExportQuery = Type.Object({
  format: Type.Union([Type.Literal('markdown'), Type.Literal('json')], { default: 'markdown' })
})

export const ProviderInfo = Type.Object({
  name: ProviderName,
  active: Type.Boolean({ description: 'the provider answering chats (PODPLAY_AI_PROVIDER)' }),
  configured: Type.Boolean(),
  reachable: Type.Union([Type.Boolean(), Type.Null()], { description: 'null when not configured, so not asked' }),
  model: Type.Union([Type.String(), Type.Null()]),
  models: Type.Array(Type.String(), { description: 'what the provider says it offers' }),
  base_url: Type.Union([Type.String(), Type.Null()]),
  supports_tools: Type.Boolean(),
  detail: Type.Union([Type.String(), Type.Null()], { description: 'why it is unreachable or not configured' })
}, { $id: 'ProviderInfo', title: 'ProviderInfo' })
export type ProviderInfo = Static<typeof ProviderInfo>

export const ProvidersReport = Type.Object({
  active: ProviderName,
  providers: Type.Array(Type.Ref(ProviderInfo))
}, { title: 'ProvidersReport' })

// Streamed pieces, shared by Server-Sent Events and Socket.IO.
export const ChatChunk = Type.Object({
  conversation_id: Type.String(),
  message_id: Type.String(),
  index: Type.Integer({ minimum: 0, description: 'position in the answer, from 0' }),
  delta: Type.String()
}, { $id: 'ChatChunk', title: 'ChatChunk' })
export type ChatChunk = Static<typeof ChatChunk>

/** An answer still being written: its text so far, and the index of the next piece to come. */
export const AnswerProgress = Type.Object({
  message_id: Type.String(),
  content: Type.String({ description: 'every piece before next_index, joined' }),
  next_index: Type.Integer({ minimum: 0 })
}, { title: 'AnswerProgress' })
export type AnswerProgress = Static<typeof AnswerProgress>

export const ChatToolEvent = Type.Object({
  conversation_id: Type.String(),
  message_id: Type.String(),
  tool_call: Type.Ref(ChatToolCall)
}, { $id: 'ChatToolEvent', title: 'ChatToolEvent' })
export type ChatToolEvent = Static<typeof ChatToolEvent>

export const ConversationRef = Type.Object({ conversation_id: ConversationId }, { $id: 'ConversationRef', title: 'ConversationRef' })

/** `mama_bear_response`: the original's shape (message, session_id, user_id, type) plus ChatReply. */
export const MamaBearResponse = Type.Composite([
  ChatReply,
  Type.Object({
    message: Type.String({ description: 'the answer text (the original field name)' }),
    session_id: Type.String({ description: 'the conversation id (the original field name)' }),
    user_id: Type.String(),
    type: Type.Literal('mama_bear_response')
  })
], { $id: 'MamaBearResponse', title: 'MamaBearResponse' })
export type MamaBearResponse = Static<typeof MamaBearResponse>
