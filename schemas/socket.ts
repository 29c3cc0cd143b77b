import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { SystemStatus } from './health.js'
import { Scope } from './auth.js'
import { WorkspaceChange, WorkspaceSubscription } from './workspaces.js'
import { DiscoveryRecommendationEvent } from './discovery.js'
import { TerminalExit, TerminalInput, TerminalJoined, TerminalOutput, TerminalRef, TerminalResize } from './terminals.js'
import { McpServerStatus } from './marketplace.js'
import { McpListChanged } from './mcp-runtime.js'
import { AnswerProgress, ChatChunk, ChatInput, ChatReply, ChatToolEvent, ConversationId, ConversationRef, MamaBearResponse } from './chat.js'

/** Sent for any inbound event that failed (bad payload, missing scope, service error). */
export const SocketError = Type.Object({
  message: Type.String(),
  code: Type.String(),
  event: Type.String({ description: 'the inbound event that failed' })
}, { $id: 'SocketError', title: 'SocketError' })
export type SocketError = Static<typeof SocketError>

export const Connected = Type.Object({
  status: Type.Literal('success'),
  message: Type.String(),
  client_id: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
  services: Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')])),
  user: Type.Object({ id: Type.String(), name: Type.String(), scopes: Type.Array(Scope) })
}, { $id: 'Connected', title: 'Connected' })

export const TestEvent = Type.Unknown({ $id: 'TestEvent', title: 'TestEvent', description: 'any JSON value; echoed back' })

export const TestResponse = Type.Object({
  status: Type.Literal('success'),
  message: Type.String(),
  data: Type.Unknown()
}, { $id: 'TestResponse', title: 'TestResponse' })

/** Events that carry no payload; whatever is sent is ignored. */
export const NoPayload = Type.Unknown({ $id: 'NoPayload', title: 'NoPayload', description: 'no payload is needed' })

/** Sent to every socket just before a shutting-down instance closes its connection. */
export const ServerShutdown = Type.Object({
  reason: Type.Literal('server_shutdown'),
  message: Type.String()
}, { $id: 'ServerShutdown', title: 'ServerShutdown', description: 'the connection closes next; socket.io-client reconnects by itself' })

export const Acknowledged = Type.Object({ ok: Type.Literal(true) }, { $id: 'Acknowledged', title: 'Acknowledged' })

/** `mama_bear_chat`'s acknowledgement: the answer has started, and where it is stored. */
export const ChatStarted = Type.Object({
  ok: Type.Literal(true),
  conversation_id: ConversationId,
  message_id: Type.String(),
  provider: Type.String(),
  model: Type.String()
}, { $id: 'ChatStarted', title: 'ChatStarted' })

/**
 * `mama_bear_join`'s acknowledgement: the socket follows the conversation. When an answer is being
 * written, `answer` holds its text so far; the pieces from `next_index` on arrive as `mama_bear_chunk`.
 */
export const ConversationJoined = Type.Object({
  ok: Type.Literal(true),
  conversation_id: ConversationId,
  generating: Type.Boolean(),
  answer: Type.Union([AnswerProgress, Type.Null()])
}, { $id: 'ConversationJoined', title: 'ConversationJoined' })

/** Every event the server emits, with its payload schema: the typed contract and the AsyncAPI source. */
export const serverEvents = {
  connected: Connected,
  error: SocketError,
  test_response: TestResponse,
  workspace_subscribed: WorkspaceSubscription,
  workspace_unsubscribed: WorkspaceSubscription,
  workspace_change: WorkspaceChange,
  discovery_recommendation: DiscoveryRecommendationEvent,
  system_status: SystemStatus,
  terminal_joined: TerminalJoined,
  terminal_left: TerminalRef,
  terminal_output: TerminalOutput,
  terminal_exit: TerminalExit,
  mcp_server_status: McpServerStatus,
  mcp_server_list_changed: McpListChanged,
  mama_bear_chunk: ChatChunk,
  mama_bear_tool_call: ChatToolEvent,
  mama_bear_tool_result: ChatToolEvent,
  mama_bear_response: MamaBearResponse,
  server_shutdown: ServerShutdown
}

/** Every event the server handles, with its payload schema. */
export const clientEvents = {
  test_event: TestEvent,
  workspace_subscribe: WorkspaceSubscription,
  workspace_unsubscribe: WorkspaceSubscription,
  system_status_request: NoPayload,
  system_status_subscribe: NoPayload,
  system_status_unsubscribe: NoPayload,
  join_terminal: TerminalRef,
  leave_terminal: TerminalRef,
  terminal_input: TerminalInput,
  terminal_resize: TerminalResize,
  mama_bear_chat: ChatInput,
  mama_bear_stop: ConversationRef,
  mama_bear_join: ConversationRef,
  mama_bear_leave: ConversationRef
}

/** What each handled event acknowledges when it worked (a failure acknowledges `{error}`, a SocketError). */
export const clientEventAcks = {
  test_event: Acknowledged,
  workspace_subscribe: Acknowledged,
  workspace_unsubscribe: Acknowledged,
  system_status_request: Acknowledged,
  system_status_subscribe: Acknowledged,
  system_status_unsubscribe: Acknowledged,
  join_terminal: Acknowledged,
  leave_terminal: Acknowledged,
  terminal_input: Acknowledged,
  terminal_resize: Acknowledged,
  mama_bear_chat: ChatStarted,
  mama_bear_stop: ChatReply,
  mama_bear_join: ConversationJoined,
  mama_bear_leave: Acknowledged
} satisfies Record<keyof typeof clientEvents, TSchema>

export type ClientEvent = keyof typeof clientEvents
export type ServerEvent = keyof typeof serverEvents
/** An event's acknowledgement: its result, or the error that stopped it. */
export type SocketAck<E extends ClientEvent> = Static<(typeof clientEventAcks)[E]> | { error: SocketError }

/** The typed event maps for Socket.IO's generics, on the server (sockets/types.ts) and in the dashboard alike. */
export type ServerToClientEvents = {
  [E in ServerEvent]: (payload: Static<(typeof serverEvents)[E]>) => void
}
export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: Static<(typeof clientEvents)[E]>, ack?: (response: SocketAck<E>) => void) => void
}
