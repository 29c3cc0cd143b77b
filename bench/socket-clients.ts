import { setTimeout as sleep } from 'node:timers/promises'
import { io, type Socket } from 'socket.io-client'

/**
 * A share of the socket benchmark's clients, in their own process (so no one event loop holds all
 * of them), driven by the parent over IPC. Times are wall-clock milliseconds
 * (performance.timeOrigin + now), comparable across the processes of one machine.
 */
export type Command =
  | { type: 'connect', url: string, tokens: string[], firstIndex: number, count: number }
  | { type: 'subscribe' }
  | { type: 'unsubscribe' }
  | { type: 'chat', clients: number, rounds: number, thinkMs: number }
  | { type: 'statuses' }
  | { type: 'close' }

export type Reply =
  | { type: 'connected', connected: number, failed: number, firstError?: string }
  | { type: 'subscribed' }
  | { type: 'unsubscribed' }
  | { type: 'chatted', roundTripsMs: number[], failures: number }
  | { type: 'statuses', statuses: Array<{ timestamp: string, received: number, lastAt: number }> }
  | { type: 'closed' }

const BATCH = 100
const now = () => performance.timeOrigin + performance.now()
const sockets: Socket[] = []
/** system_status broadcasts seen: how many clients got each, and when the last one did. */
const statuses = new Map<string, { received: number, lastAt: number }>()

function connectOne (url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 60_000 })
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (error) => reject(error))
  })
}

function emitWithAck (socket: Socket, event: string, payload?: unknown): Promise<unknown> {
  return new Promise((resolve) => socket.emit(event, payload, resolve))
}

/** One chat: from the emit to the mama_bear_response of the conversation it started (which may come before the ack). */
async function chatOnce (socket: Socket, message: string): Promise<number> {
  const started = now()
  const arrived = new Map<string, number>()
  let finish: (() => void) | undefined
  let conversationId: string | undefined
  const listener = (reply: { conversation_id: string }) => {
    arrived.set(reply.conversation_id, now())
    if (reply.conversation_id === conversationId) finish?.()
  }
  socket.on('mama_bear_response', listener)
  try {
    const ack = await emitWithAck(socket, 'mama_bear_chat', { message }) as { conversation_id?: string }
    if (!ack.conversation_id) throw new Error(`mama_bear_chat failed: ${JSON.stringify(ack)}`)
    conversationId = ack.conversation_id
    if (!arrived.has(conversationId)) await new Promise<void>((resolve) => { finish = resolve })
    return (arrived.get(conversationId) as number) - started
  } finally {
    socket.off('mama_bear_response', listener)
  }
}

async function handle (command: Command): Promise<Reply> {
  switch (command.type) {
    case 'connect': {
      let failed = 0
      let firstError: string | undefined
      for (let start = 0; start < command.count; start += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, command.count - start) }, (_, offset) =>
          connectOne(command.url, command.tokens[(command.firstIndex + start + offset) % command.tokens.length]))
        for (const outcome of await Promise.allSettled(batch)) {
          if (outcome.status === 'fulfilled') {
            const socket = outcome.value
            socket.on('system_status', ({ timestamp }: { timestamp: string }) => {
              const seen = statuses.get(timestamp) ?? { received: 0, lastAt: 0 }
              seen.received++
              seen.lastAt = now()
              statuses.set(timestamp, seen)
            })
            sockets.push(socket)
          } else {
            failed++
            firstError ??= String(outcome.reason)
          }
        }
      }
      return { type: 'connected', connected: sockets.length, failed, firstError }
    }
    case 'subscribe':
      await Promise.all(sockets.map((socket) => emitWithAck(socket, 'system_status_subscribe')))
      return { type: 'subscribed' }
    case 'unsubscribe':
      await Promise.all(sockets.map((socket) => emitWithAck(socket, 'system_status_unsubscribe')))
      return { type: 'unsubscribed' }
    case 'statuses':
      return { type: 'statuses', statuses: [...statuses].map(([timestamp, seen]) => ({ timestamp, ...seen })) }
    case 'chat': {
      const roundTripsMs: number[] = []
      let failures = 0
      // Users read an answer before they write again: each waits a think time (half to one and a
      // half times thinkMs) between messages, and they start at random moments within one.
      const think = () => sleep(command.thinkMs * (0.5 + Math.random()))
      await Promise.all(sockets.slice(0, command.clients).map(async (socket, index) => {
        await sleep(command.thinkMs * Math.random())
        for (let round = 0; round < command.rounds; round++) {
          if (round > 0) await think()
          try {
            roundTripsMs.push(await chatOnce(socket, `hello from user ${index}, round ${round}`))
          } catch {
            failures++
          }
        }
      }))
      return { type: 'chatted', roundTripsMs, failures }
    }
    case 'close':
      for (const socket of sockets) socket.disconnect()
      return { type: 'closed' }
  }
}

process.on('message', (command: Command) => {
  handle(command).then((reply) => process.send?.(reply), (error: Error) => {
    process.stderr.write(`socket clients: ${error.stack ?? error.message}\n`)
    process.exit(1)
  })
})
