import { hasScope } from '../services/auth/tokens.js'
import { MissingScopeError } from '../services/auth/errors.js'
import type { Principal } from '../services/auth/tokens.js'
import type { SocketBridge, SocketHandlers } from './types.js'

/**
 * The room of a conversation's viewers. Only the owner's sockets can join it (joining checks
 * ownership), so an answer reaches every tab of that user viewing it and nobody else.
 */
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`

/** Chatting changes data, as POST /api/chat does: it needs the write scope. */
function requireWrite (principal: Principal): void {
  if (!hasScope(principal, 'write')) throw new MissingScopeError('write')
}

/**
 * Mama Bear over Socket.IO. `mama_bear_chat` joins the calling socket to the conversation's room
 * before the answer starts; `mama_bear_join` lets the user's other sockets follow a conversation.
 * Pieces, tool calls and the final `mama_bear_response` go to the room (see the bridge).
 */
export const chatHandlers: SocketHandlers = {
  async mama_bear_chat ({ app, socket, principal }, payload) {
    requireWrite(principal)
    const answer = await app.mamaBear.begin(principal.userId, payload, async ({ conversation_id: conversationId }) => {
      await socket.join(conversationRoom(conversationId))
    })
    return { ok: true, conversation_id: answer.conversation_id, message_id: answer.message_id, provider: answer.provider, model: answer.model }
  },
  async mama_bear_stop ({ app, principal }, { conversation_id: conversationId }) {
    requireWrite(principal)
    return await app.mamaBear.stop(principal.userId, conversationId)
  },
  async mama_bear_join ({ app, socket, principal }, { conversation_id: conversationId }) {
    await app.mamaBear.conversationState(principal.userId, conversationId)
    await socket.join(conversationRoom(conversationId))
    // Read after joining: every later piece reaches this socket, and the client skips those the text already holds.
    const answer = app.mamaBear.answerInProgress(conversationId)
    return { ok: true, conversation_id: conversationId, generating: answer !== null, answer }
  },
  async mama_bear_leave ({ socket }, { conversation_id: conversationId }) {
    await socket.leave(conversationRoom(conversationId))
    return { ok: true }
  }
}

/** Every piece of every answer goes to its conversation's room, the final response in the original's shape. */
export const chatBridge: SocketBridge = (app, io) => {
  const { events } = app.mamaBear
  events.on('chunk', ({ user_id: _user, ...chunk }) => {
    io.to(conversationRoom(chunk.conversation_id)).emit('mama_bear_chunk', chunk)
  })
  events.on('tool_call', ({ user_id: _user, ...event }) => {
    io.to(conversationRoom(event.conversation_id)).emit('mama_bear_tool_call', event)
  })
  events.on('tool_result', ({ user_id: _user, ...event }) => {
    io.to(conversationRoom(event.conversation_id)).emit('mama_bear_tool_result', event)
  })
  events.on('response', ({ user_id: userId, reply }) => {
    io.to(conversationRoom(reply.conversation_id)).emit('mama_bear_response', {
      ...reply,
      message: reply.response,
      session_id: reply.conversation_id,
      user_id: userId,
      type: 'mama_bear_response'
    })
  })
}
