import { readFileSync } from 'node:fs'
import type { Test } from 'tap'
import WebSocket from 'ws'
import type { Socket } from 'socket.io-client'
import { ADMIN_TOKEN, build, socketClient, type Built } from '../helper.js'

export interface TerminalSetup extends Built {
  userId: string
  workspaceId: string
  /** POST /api/terminals; the body is merged over `{ workspace_id, shell: 'sh' }`. */
  open: (body?: Record<string, unknown>, token?: string) => Promise<{ statusCode: number, json: () => any }>
  /** Opens a terminal and returns its id, failing the test if that is refused. */
  openId: (body?: Record<string, unknown>) => Promise<string>
}

/**
 * The real app with a workspace for the admin user, where terminals can start. Terminals run `sh`
 * unless a test asks otherwise: it reads no start-up files, so a test neither waits for nor
 * interrupts whatever the machine's ~/.bashrc does.
 */
export async function terminalSetup (t: Test, env: Record<string, string> = {}): Promise<TerminalSetup> {
  // Load shedding is tested in test/foundation; here a busy machine must not turn a request into a 503.
  const built = await build(t, env)
  const { app, auth } = built
  const userId = (await app.authenticateToken(ADMIN_TOKEN)).userId
  const workspace = await app.workspaces.create(userId, 'terminal-tests')
  const open = async (body: Record<string, unknown> = {}, token?: string) =>
    await app.inject({ method: 'POST', url: '/api/terminals', headers: auth(token), payload: { workspace_id: workspace.id, shell: 'sh', ...body } })
  const openId = async (body: Record<string, unknown> = {}) => {
    const response = await open(body)
    if (response.statusCode !== 201) throw new Error(`could not open a terminal: ${response.payload}`)
    return response.json().id as string
  }
  return { ...built, userId, workspaceId: workspace.id, open, openId }
}

/** A line for the shell: the output of `echo marker-$((6*7))` proves the command ran, not just its echo. */
export const echoLine = (marker: string) => `echo ${marker}-$((6*7))\r`
export const echoed = (marker: string) => `${marker}-42`

interface Collected {
  text: () => string
  /** Resolves with everything received once `text` has arrived. */
  until: (text: string) => Promise<string>
}

/** Collects output; a new chunk is searched only where a match could newly end (floods stay cheap). */
function collector (): Collected & { add: (chunk: string) => void } {
  let received = ''
  const waiters: Array<{ text: string, resolve: (all: string) => void }> = []
  return {
    add (chunk) {
      const before = received.length
      received += chunk
      for (const waiter of [...waiters]) {
        if (received.indexOf(waiter.text, Math.max(0, before - waiter.text.length)) === -1) continue
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(received)
      }
    },
    text: () => received,
    until: async (text) => received.includes(text) ? received : await new Promise((resolve) => waiters.push({ text, resolve }))
  }
}

/** A greeted Socket.IO client; a refused handshake fails the test at once instead of leaving it waiting. */
export async function connectedClient (t: Test, url: string, token: string): Promise<Socket> {
  const socket = socketClient(t, url, token)
  await new Promise((resolve, reject) => {
    socket.once('connected', resolve)
    socket.once('connect_error', (error) => reject(new Error(`Socket.IO handshake failed: ${error.message}`)))
  })
  return socket
}

/** Everything a Socket.IO client receives for one terminal. */
export function socketOutput (socket: Socket, sessionId: string): Collected {
  const collected = collector()
  socket.on('terminal_output', (event: { session_id: string, output: string }) => {
    if (event.session_id === sessionId) collected.add(event.output)
  })
  return collected
}

/** Everything a raw WebSocket client receives. */
export function wsOutput (ws: WebSocket): Collected {
  const collected = collector()
  ws.on('message', (data) => collected.add(data.toString()))
  return collected
}

/** A raw WebSocket to a terminal, closed when the test ends. */
export function terminalWs (t: Test, url: string, sessionId: string, options: { token?: string, origin?: string, host?: string, protocols?: string[] } = {}): WebSocket {
  const query = options.token ? `?token=${encodeURIComponent(options.token)}` : ''
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/terminals/${sessionId}/ws${query}`, options.protocols ?? [], {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.host ? { headers: { host: options.host } } : {})
  })
  // A refused upgrade also emits 'error'; the tests look at 'unexpected-response' instead.
  ws.on('error', () => {})
  t.teardown(() => ws.terminate())
  return ws
}

export function opened (ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)))
  })
}

/** The HTTP status with which an upgrade was refused. */
export function refusal (ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)))
}

export function closed (ws: WebSocket): Promise<{ code: number, reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
}

/**
 * Waits for a condition that no event announces (a pty being paused), checking every few
 * milliseconds, and fails after a deadline rather than hanging.
 */
export async function eventually (condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** True while a process with this pid runs (a zombie waiting to be reaped has stopped running). */
export function alive (pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}
