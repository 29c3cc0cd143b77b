import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Value } from '@sinclair/typebox/value'
import type { RawData, WebSocket } from 'ws'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { TerminalControl, TerminalParams, TerminalStreamQuery } from '../../../schemas/terminals.js'

/** Output waiting for one WebSocket beyond this pauses the terminal… */
const HIGH_WATER_BYTES = 1024 * 1024
/** …until that client is down to this. */
const LOW_WATER_BYTES = 64 * 1024
/** WebSocket close reasons are limited to 123 bytes. */
const MAX_REASON = 120

function toText (data: RawData): string {
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8')
}

/** A text frame that is a JSON control message (`{"type":"resize",…}`); anything else is input. */
function controlMessage (text: string): unknown {
  if (!text.startsWith('{')) return undefined
  try {
    const parsed: unknown = JSON.parse(text)
    return (parsed as { type?: unknown } | null)?.type === 'resize' ? parsed : undefined
  } catch {
    return undefined
  }
}

/** A line for this client only, drawn the way a terminal shows it (the stream has no side channel). */
function notice (socket: WebSocket, message: string): void {
  socket.send(`\r\n\x1b[31m[podplay] ${message}\x1b[0m\r\n`)
}

/**
 * The raw WebSocket for xterm.js-style clients: output arrives as text frames, input goes out as
 * text or binary frames, and `{"type":"resize","cols":…,"rows":…}` resizes. The token comes as
 * `?token=` or the subprotocol `podplay.token.<token>` (plugins/auth), the Origin is checked by
 * plugins/websocket, and a client without the write scope watches read-only.
 */
const stream: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/:id/ws', {
    websocket: true,
    schema: {
      operationId: 'streamTerminal',
      tags: ['terminals'],
      summary: 'Attach to a terminal over a raw WebSocket',
      params: TerminalParams,
      querystring: TerminalStreamQuery,
      response: { 404: ErrorRef, ...authErrors }
    },
    // Before the upgrade, so an unknown terminal is a plain 404 rather than a socket that closes at once.
    preHandler: async (request) => { fastify.terminals.get(request.principal!, request.params.id) }
  }, (socket, request) => {
    const principal = request.principal!
    const { id } = request.params
    const key = `ws:${request.id}`
    const terminals = fastify.terminals
    let held = false

    const send = (chunk: string) => {
      if (socket.readyState !== socket.OPEN) return
      socket.send(chunk, () => {
        if (held && socket.bufferedAmount <= LOW_WATER_BYTES) {
          held = false
          terminals.release(id, key)
        }
      })
      if (!held && socket.bufferedAmount > HIGH_WATER_BYTES) {
        held = true
        terminals.hold(id, key)
      }
    }

    let unsubscribe: () => void
    try {
      const { replay } = terminals.attach(principal, id, key)
      unsubscribe = terminals.subscribe(principal, id, {
        output: send,
        exit: (exit) => socket.close(1000, `terminal exited (${exit.reason}, code ${exit.exit_code})`)
      })
      if (replay) send(replay)
    } catch (error) {
      // The terminal ended while the upgrade was under way.
      socket.close(4404, (error as Error).message.slice(0, MAX_REASON))
      return
    }

    socket.on('message', (data, isBinary) => {
      const text = toText(data)
      const control = isBinary ? undefined : controlMessage(text)
      try {
        if (control === undefined) {
          terminals.write(principal, id, text)
        } else if (Value.Check(TerminalControl, control)) {
          terminals.resize(principal, id, control.cols, control.rows)
        } else {
          notice(socket, 'INVALID_CONTROL: a resize needs integer cols (2-1000) and rows (1-500)')
        }
      } catch (error) {
        const { code, message } = error as { code?: string, message: string }
        notice(socket, `${code ?? 'ERROR'}: ${message}`)
      }
    })
    socket.on('close', () => {
      unsubscribe()
      terminals.detach(id, key)
    })
  })
}

export default stream
