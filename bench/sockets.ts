import { fork, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import { projectRoot } from '../plugins/config.js'
import { ADMIN_TOKEN, authorization, startApp } from './app-server.js'
import { cpuTimeMs, type Target } from './processes.js'
import type { Command, Reply } from './socket-clients.js'
import { boundVerdict, percentile, type Verdict } from './verdict.js'

const socketCount = Number(process.env.BENCH_SOCKETS ?? 5000)
const clientProcesses = Number(process.env.BENCH_SOCKET_PROCESSES ?? 4)
const CHATTING_USERS = Number(process.env.BENCH_CHATTERS ?? 100)
const CHAT_ROUNDS = Number(process.env.BENCH_CHAT_ROUNDS ?? 10)
/** A chatting user's pause between an answer and their next message, on average. */
const THINK_MS = Number(process.env.BENCH_CHAT_THINK_MS ?? 2000)
const STATUS_INTERVAL_MS = 2000
const BROADCASTS = 3
const TERMINAL_BYTES = Number(process.env.BENCH_TERMINAL_BYTES ?? 32 * 1024 * 1024)

class ClientProcess {
  private readonly child: ChildProcess
  private waiting: ((reply: Reply) => void) | undefined

  constructor () {
    this.child = fork(join(projectRoot, 'bench', 'socket-clients.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.child.on('message', (reply: Reply) => this.waiting?.(reply))
  }

  ask<T extends Reply['type']> (command: Command): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`socket clients exited with ${code}`)))
      this.waiting = (reply) => resolve(reply as Extract<Reply, { type: T }>)
      this.child.send(command)
    })
  }

  stop (): void {
    this.child.kill()
  }
}

/** The server's resident set size, from /proc (Linux). */
async function rssBytes (pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024
}

async function post (app: Target, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { ...authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`)
  return await response.json() as Record<string, unknown>
}

/** Output of one shell command to one raw WebSocket client, in MB/s. */
async function terminalThroughput (app: Target): Promise<number> {
  const workspace = await post(app, '/api/workspaces', { name: `bench-${Date.now()}` })
  // sh reads no rc file: an interactive bash runs the machine's ~/.bashrc first, which can take its time.
  const terminal = await post(app, '/api/terminals', { workspace_id: workspace.id, shell: 'sh' })
  const socket = new WebSocket(`${app.url.replace('http', 'ws')}/api/terminals/${terminal.id as string}/ws?token=${ADMIN_TOKEN}`)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  await sleep(500)
  let received = 0
  let started = 0
  const done = new Promise<number>((resolve) => {
    let tail = ''
    socket.on('message', (data: Buffer) => {
      received += data.length
      // The shell prints BENCH_2 only when the command has finished (the echoed command line reads $((1+1))).
      tail = (tail + data.toString('latin1')).slice(-64)
      if (tail.includes('BENCH_2')) resolve(performance.now() - started)
    })
  })
  started = performance.now()
  socket.send(`head -c ${TERMINAL_BYTES} /dev/zero | tr '\\0' x; echo BENCH_$((1+1))\r`)
  const elapsedMs = await done
  socket.close()
  return received / 1e6 / (elapsedMs / 1000)
}

/**
 * N authenticated Socket.IO clients (websocket transport) from a few client processes: how many
 * connect, the server's memory per idle socket, a system_status broadcast to all of them, 100
 * users chatting with Mama Bear (a message, the answer, a pause to read it, BENCH_CHAT_THINK_MS)
 * while all N stay connected, and a terminal's output rate.
 */
export async function benchSockets (workDir: string): Promise<Verdict[]> {
  const app = await startApp(workDir, { bundledCatalogOnly: true, env: { PODPLAY_STATUS_INTERVAL_MS: String(STATUS_INTERVAL_MS) } })
  const clients = Array.from({ length: clientProcesses }, () => new ClientProcess())
  try {
    const tokens: string[] = []
    for (let user = 0; user < CHATTING_USERS; user++) tokens.push((await post(app, '/api/auth/tokens', { user: `bench-user-${user}`, scopes: ['read', 'write'] })).token as string)
    await sleep(1000)
    const before = await rssBytes(app.pid)
    const share = Math.ceil(socketCount / clientProcesses)
    const connected = await Promise.all(clients.map((client, index) => client.ask<'connected'>({
      type: 'connect', url: app.url, tokens, firstIndex: index * share, count: Math.max(0, Math.min(share, socketCount - index * share))
    })))
    const connectedCount = connected.reduce((sum, reply) => sum + reply.connected, 0)
    const firstError = connected.find((reply) => reply.firstError)?.firstError
    await sleep(3000)
    const perSocket = (await rssBytes(app.pid) - before) / connectedCount
    console.log(`sockets: ${connectedCount} of ${socketCount} connected${firstError ? ` (first failure: ${firstError})` : ''}; server RSS ${(before / 1e6).toFixed(0)} MB before, ${(perSocket / 1024).toFixed(1)} KB per idle socket`)

    await Promise.all(clients.map((client) => client.ask<'subscribed'>({ type: 'subscribe' })))
    await sleep(STATUS_INTERVAL_MS * (BROADCASTS + 1))
    const seen = new Map<string, { received: number, lastAt: number }>()
    for (const reply of await Promise.all(clients.map((client) => client.ask<'statuses'>({ type: 'statuses' })))) {
      for (const status of reply.statuses) {
        const merged = seen.get(status.timestamp) ?? { received: 0, lastAt: 0 }
        seen.set(status.timestamp, { received: merged.received + status.received, lastAt: Math.max(merged.lastAt, status.lastAt) })
      }
    }
    await Promise.all(clients.map((client) => client.ask<'unsubscribed'>({ type: 'unsubscribe' })))
    // Only broadcasts every client was subscribed for; the time from the status's own timestamp to the last client.
    const complete = [...seen].filter(([, status]) => status.received === connectedCount)
    const reach = complete.map(([timestamp, status]) => status.lastAt - Date.parse(timestamp)).sort((a, b) => a - b)
    console.log(`system_status: ${complete.length} broadcasts reached all ${connectedCount} sockets, in ${reach.map((ms) => ms.toFixed(0)).join(', ')} ms`)

    const cpuBeforeChats = await cpuTimeMs(app.pid)
    const chatted = await clients[0].ask<'chatted'>({ type: 'chat', clients: Math.min(CHATTING_USERS, share), rounds: CHAT_ROUNDS, thinkMs: THINK_MS })
    const trips = chatted.roundTripsMs.sort((a, b) => a - b)
    const cpuPerChat = (await cpuTimeMs(app.pid) - cpuBeforeChats) / trips.length
    console.log(`mama_bear_chat: ${trips.length} round trips by ${CHATTING_USERS} users, p50 ${percentile(trips, 0.5).toFixed(1)} ms, p99 ${percentile(trips, 0.99).toFixed(1)} ms, server CPU ${cpuPerChat.toFixed(2)} ms a chat${chatted.failures ? `, ${chatted.failures} failed` : ''}`)
    await Promise.all(clients.map((client) => client.ask<'closed'>({ type: 'close' })))

    const throughput = await terminalThroughput(app)
    console.log(`terminal output to one raw WebSocket: ${throughput.toFixed(1)} MB/s`)
    return [
      boundVerdict(`sockets connected (N = ${socketCount})`, 100 * connectedCount / socketCount, '%', { atLeast: 100 }),
      boundVerdict('RSS per idle socket', perSocket / 1024, 'KB', { atMost: 30 }),
      boundVerdict(`mama_bear_chat round trip p99, ${CHATTING_USERS} users chatting`, chatted.failures > 0 ? Infinity : percentile(trips, 0.99), 'ms', { atMost: 25 }, `p50 ${percentile(trips, 0.5).toFixed(1)} ms, ${trips.length} round trips, server CPU ${cpuPerChat.toFixed(2)} ms a chat`),
      boundVerdict('system_status broadcast reaching all N', complete.length > 0 ? percentile(reach, 0.5) : Infinity, 'ms', { atMost: 500 }, `median of ${complete.length}; worst ${reach.at(-1)?.toFixed(0) ?? '—'} ms`),
      boundVerdict('terminal output to one raw WebSocket', throughput, 'MB/s', {})
    ]
  } finally {
    for (const client of clients) client.stop()
    await app.stop()
  }
}
