import type { FastifyInstance } from 'fastify'
import { TerminalInputRequiredError } from '../services/terminals/errors.js'
import type { SocketBridge, SocketHandlers, TypedSocket } from './types.js'

const ROOM_PREFIX = 'terminal:'
/** The room of one terminal's Socket.IO clients: its output and exit go there. */
export const terminalRoom = (sessionId: string) => `${ROOM_PREFIX}${sessionId}`

/**
 * Output packets one socket may have waiting (its transport still busy with earlier ones) before
 * its terminals pause. Engine.io hands queued packets to the transport in one batch and says so
 * with `drain`, so the count since the last `drain` is exactly what is queued for that socket.
 */
const MAX_PENDING_OUTPUTS = 64
const pendingOutputs = new WeakMap<TypedSocket, number>()

const clientKey = (socket: TypedSocket) => `sio:${socket.id}`

function joinedTerminals (socket: TypedSocket): string[] {
  return [...socket.rooms].filter((room) => room.startsWith(ROOM_PREFIX)).map((room) => room.slice(ROOM_PREFIX.length))
}

/** Once per socket: release its terminals when its transport catches up, and detach when it goes. */
function track (app: FastifyInstance, socket: TypedSocket): void {
  if (pendingOutputs.has(socket)) return
  pendingOutputs.set(socket, 0)
  socket.conn.on('drain', () => {
    if (pendingOutputs.get(socket)! >= MAX_PENDING_OUTPUTS) {
      for (const id of joinedTerminals(socket)) app.terminals.release(id, clientKey(socket))
    }
    pendingOutputs.set(socket, 0)
  })
  socket.on('disconnecting', () => {
    for (const id of joinedTerminals(socket)) app.terminals.detach(id, clientKey(socket))
  })
}

/** Shared terminals over Socket.IO (DESIGN.md §3); the raw WebSocket is routes/api/terminals/stream.ts. */
export const terminalHandlers: SocketHandlers = {
  async join_terminal ({ app, socket, principal }, { session_id: sessionId }) {
    const joined = app.terminals.attach(principal, sessionId, clientKey(socket))
    track(app, socket)
    // The replay is taken and the room joined in one tick (the in-memory adapter joins at once;
    // the await only resumes in a microtask), so no output falls between the two.
    await socket.join(terminalRoom(sessionId))
    socket.emit('terminal_joined', { session_id: sessionId, ...joined })
    return { ok: true }
  },

  async leave_terminal ({ app, socket }, { session_id: sessionId }) {
    app.terminals.detach(sessionId, clientKey(socket))
    await socket.leave(terminalRoom(sessionId))
    socket.emit('terminal_left', { session_id: sessionId })
    return { ok: true }
  },

  terminal_input ({ app, principal }, { session_id: sessionId, data, command }) {
    // The original client sent whole commands; a command is typed as a line, ended by Enter.
    const input = data ?? (command === undefined ? undefined : `${command}\r`)
    if (input === undefined) throw new TerminalInputRequiredError()
    app.terminals.write(principal, sessionId, input)
    return { ok: true }
  },

  terminal_resize ({ app, principal }, { session_id: sessionId, cols, rows }) {
    app.terminals.resize(principal, sessionId, cols, rows)
    return { ok: true }
  }
}

/** Terminal output and exits to each terminal's room; a socket that falls behind pauses the terminal. */
export const terminalBridge: SocketBridge = (app, io) => {
  app.terminals.events.on('output', (event) => {
    const room = terminalRoom(event.session_id)
    io.to(room).emit('terminal_output', event)
    for (const socketId of io.sockets.adapter.rooms.get(room) ?? []) {
      const socket = io.sockets.sockets.get(socketId)
      const pending = socket === undefined ? undefined : pendingOutputs.get(socket)
      if (socket === undefined || pending === undefined) continue
      pendingOutputs.set(socket, pending + 1)
      if (pending + 1 >= MAX_PENDING_OUTPUTS) app.terminals.hold(event.session_id, clientKey(socket))
    }
  })
  app.terminals.events.on('exit', (event) => {
    const room = terminalRoom(event.session_id)
    io.to(room).emit('terminal_exit', event)
    io.in(room).socketsLeave(room)
  })
}
