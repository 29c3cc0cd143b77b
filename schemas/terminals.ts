import { Type, type Static } from '@sinclair/typebox'
import { Cursor, Limit, Page, Timestamp } from './common.js'

export const TerminalId = Type.String({ minLength: 1, maxLength: 64, description: 'a terminal (session) id' })
const Cols = Type.Integer({ minimum: 2, maximum: 1000, description: 'columns' })
const Rows = Type.Integer({ minimum: 1, maximum: 500, description: 'rows' })
/** One keystroke burst or paste; larger input is split by the client. */
const InputText = Type.String({ maxLength: 65_536 })

export const TerminalParams = Type.Object({ id: TerminalId })

const terminalProperties = {
  id: TerminalId,
  owner_id: Type.String({ description: 'the user who opened it' }),
  workspace_id: Type.String(),
  shell: Type.String({ description: 'absolute path of the shell program' }),
  cwd: Type.String({ description: 'the start directory, relative to the workspace' }),
  cols: Type.Integer(),
  rows: Type.Integer(),
  pid: Type.Integer(),
  clients: Type.Integer({ minimum: 0, description: 'attached Socket.IO and WebSocket clients' }),
  paused: Type.Boolean({ description: 'output is paused until a slow client catches up' }),
  created_at: Timestamp,
  last_activity_at: Timestamp
}
export const Terminal = Type.Object(terminalProperties, { $id: 'Terminal', title: 'Terminal' })
export type Terminal = Static<typeof Terminal>

export const CreateTerminalBody = Type.Object({
  workspace_id: Type.String({ minLength: 1, maxLength: 64 }),
  cwd: Type.String({ minLength: 1, maxLength: 4096, default: '.', description: 'start directory, relative to the workspace' }),
  shell: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'a shell listed in /etc/shells, by path or name; default $SHELL or bash' })),
  cols: Type.Integer({ minimum: 2, maximum: 1000, default: 80 }),
  rows: Type.Integer({ minimum: 1, maximum: 500, default: 24 })
}, { additionalProperties: false })
export type CreateTerminalBody = Static<typeof CreateTerminalBody>

export const TerminalListQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) })

export const TerminalPage = Page(Type.Ref(Terminal), 'TerminalPage')

/** A raw WebSocket client that cannot set headers passes its token here (or as a subprotocol). */
export const TerminalStreamQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })) })

/** A JSON text frame on the raw WebSocket that is a command rather than input. */
export const TerminalControl = Type.Object({ type: Type.Literal('resize'), cols: Cols, rows: Rows }, { title: 'TerminalControl' })

// Socket.IO payloads (DESIGN.md §3); schemas/socket.ts lists them.

export const TerminalRef = Type.Object({ session_id: TerminalId }, { $id: 'TerminalRef', title: 'TerminalRef' })

export const TerminalInput = Type.Object({
  session_id: TerminalId,
  data: Type.Optional(InputText),
  command: Type.Optional(Type.String({ maxLength: 65_536, description: 'the original client\'s field: sent followed by Enter' }))
}, { $id: 'TerminalInput', title: 'TerminalInput', description: 'data (raw keystrokes) or command (a line)' })

export const TerminalResize = Type.Object({ session_id: TerminalId, cols: Cols, rows: Rows }, { $id: 'TerminalResize', title: 'TerminalResize' })

export const TerminalJoined = Type.Object({
  session_id: TerminalId,
  replay: Type.String({ description: 'the most recent output (bounded), to redraw the screen' }),
  read_only: Type.Boolean({ description: 'true when the token lacks the write scope: input is refused' }),
  // Inline rather than a $ref: socket payload schemas are used without the shared-schema registry.
  terminal: Type.Object(terminalProperties, { title: 'Terminal' })
}, { $id: 'TerminalJoined', title: 'TerminalJoined' })

export const TerminalOutput = Type.Object({
  session_id: TerminalId,
  output: Type.String(),
  timestamp: Timestamp
}, { $id: 'TerminalOutput', title: 'TerminalOutput' })
export type TerminalOutput = Static<typeof TerminalOutput>

export const ExitReason = Type.Union([
  Type.Literal('exited'), Type.Literal('killed'), Type.Literal('idle'), Type.Literal('shutdown')
], { description: 'exited by itself, closed by a client, culled as idle, or closed at shutdown' })
export type ExitReason = Static<typeof ExitReason>

export const TerminalExit = Type.Object({
  session_id: TerminalId,
  exit_code: Type.Integer(),
  signal: Type.Union([Type.Integer(), Type.Null()]),
  reason: ExitReason,
  timestamp: Timestamp
}, { $id: 'TerminalExit', title: 'TerminalExit' })
export type TerminalExit = Static<typeof TerminalExit>
