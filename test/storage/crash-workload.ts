import type { Test } from 'tap'
import { buildApp } from '../../app.js'
import { loadConfig } from '../../plugins/config.js'
import { ADMIN_TOKEN, listen, tempDir } from '../helper.js'
import { startServer, type ServerProcess } from '../server-process.js'

/** Writes each kind of loop makes before the kill: a few hundred in all, with more in flight. */
const WRITES_BEFORE_KILL = 20
const USERS = 12
const INSTALLABLE = ['time', 'fetch', 'everything', 'sequential-thinking', 'memory']
const FILES = 6

interface Api {
  call: (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number, body: any }>
}

function api (url: string): Api {
  return {
    async call (method, path, body, token = ADMIN_TOKEN) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
      return { status: response.status, body: await response.json() }
    }
  }
}

/** The content of the nth write of a file: its number at both ends, a size that changes with it. */
const fileContent = (n: number) => `${n}:${'x'.repeat(1000 + (n * 7919) % 60_000)}:${n}`

/** What the service acknowledged before it was killed. */
interface Acknowledged {
  chats: Array<{ question: string, conversation_id: string, message_id: string, response: string }>
  installs: Array<{ token: string, name: string }>
  update: { acknowledged: number, sent: number }
  files: Map<string, { acknowledged: number, sent: number }>
  tokens: Array<{ user: string, token: string }>
}

/** Starts every writer at once, kills the service with SIGKILL once each has made its writes, and says what was acknowledged. */
async function writeAndKill (t: Test, server: ServerProcess, client: Api, workspace: string, userTokens: string[]): Promise<Acknowledged> {
  const done: Acknowledged = { chats: [], installs: [], update: { acknowledged: -1, sent: -1 }, files: new Map(), tokens: [] }
  const run = { killed: false }
  const counts = [0, 0, 0, 0, 0]
  const refusals: string[] = []
  const refused = (what: string, status: number, body: unknown) => {
    refusals.push(`${what}: ${status} ${JSON.stringify(body)}`)
    return false
  }
  /** A writer: one acknowledged write per step, until the service is gone. */
  const writer = async (index: number, step: (n: number) => Promise<boolean>) => {
    for (let n = 0; !run.killed; n++) {
      try {
        if (!await step(n)) return
      } catch {
        return // the connection went with the process
      }
      counts[index] += 1
    }
  }
  const installsToMake = userTokens.flatMap((token) => INSTALLABLE.map((name) => ({ token, name })))
  const writers = [
    writer(0, async (n) => {
      const question = `crash question ${n}`
      const { status, body } = await client.call('POST', '/api/chat', { message: question })
      if (status !== 200) return refused('a chat answer', status, body)
      done.chats.push({ question, conversation_id: body.conversation_id, message_id: body.message_id, response: body.response })
      return true
    }),
    writer(1, async (n) => {
      const next = installsToMake[n]
      if (!next) return false
      const { status, body } = await client.call('POST', `/api/mcp/servers/${next.name}/install`, {}, next.token)
      if (status !== 201) return refused('an install', status, body)
      done.installs.push(next)
      return true
    }),
    writer(2, async (n) => {
      done.update.sent = n
      const { status, body } = await client.call('PATCH', '/api/mcp/installed/memory', { env: { MEMORY_FILE_PATH: `/tmp/crash-${n}.jsonl` } })
      if (status !== 200) return refused('an install update', status, body)
      done.update.acknowledged = n
      return true
    }),
    writer(3, async (n) => {
      const path = `notes/file-${n % FILES}.txt`
      const record = done.files.get(path) ?? { acknowledged: -1, sent: -1 }
      done.files.set(path, record)
      record.sent = n
      const { status, body } = await client.call('PUT', `/api/workspaces/${workspace}/files?path=${path}`, { content: fileContent(n) })
      if (status !== 200 && status !== 201) return refused('a workspace file', status, body)
      record.acknowledged = n
      return true
    }),
    writer(4, async (n) => {
      const user = `crash-user-${n}`
      const { status, body } = await client.call('POST', '/api/auth/tokens', { user, scopes: ['read'] })
      if (status !== 201) return refused('a token', status, body)
      done.tokens.push({ user, token: body.token })
      return true
    })
  ]
  // The install writer has a fixed amount of work; the others write until the kill.
  while (!counts.every((count, index) => count >= (index === 1 ? Math.min(WRITES_BEFORE_KILL, installsToMake.length) : WRITES_BEFORE_KILL))) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  run.killed = true
  server.kill('SIGKILL')
  await server.exit
  await Promise.all(writers)
  t.same(refusals, [], 'every write before the kill was accepted')
  return done
}

/** Every acknowledged write is there after the restart, whole; what is not is listed. */
async function verify (t: Test, client: Api, workspace: string, done: Acknowledged): Promise<void> {
  const lost: string[] = []
  for (const chat of done.chats) {
    const { status, body } = await client.call('GET', `/api/chat/conversations/${chat.conversation_id}`)
    const [question, answer] = body.messages ?? []
    if (status !== 200 || question?.content !== chat.question || answer?.id !== chat.message_id || answer.status !== 'complete' || answer.content !== chat.response) {
      lost.push(`chat ${chat.conversation_id}: ${status} ${JSON.stringify(body).slice(0, 200)}`)
    }
  }
  // An answer the kill caught half-way is closed as interrupted, never left generating.
  const { body: conversations } = await client.call('GET', '/api/chat/conversations?limit=100')
  let interrupted = 0
  for (const conversation of conversations.items) {
    const { body } = await client.call('GET', `/api/chat/conversations/${conversation.id}`)
    for (const message of body.messages) {
      if (message.error?.code === 'MAMA_BEAR_INTERRUPTED') interrupted += 1
      else if (message.status !== 'complete') lost.push(`message ${message.id} is ${message.status}`)
    }
  }
  t.ok(interrupted <= 1, `${interrupted} answer caught by the kill, closed as interrupted`)

  for (const { token, name } of done.installs) {
    const { status } = await client.call('GET', `/api/mcp/installed/${name}`, undefined, token)
    if (status !== 200) lost.push(`install ${name}: ${status}`)
  }
  const { body: memory } = await client.call('GET', '/api/mcp/installed/memory')
  const written = Number(/^\/tmp\/crash-(\d+)\.jsonl$/.exec(memory.env.MEMORY_FILE_PATH)?.[1])
  if (!(written >= done.update.acknowledged && written <= done.update.sent)) lost.push(`install update ${done.update.acknowledged}: found ${memory.env.MEMORY_FILE_PATH}`)

  for (const [path, record] of done.files) {
    const { body } = await client.call('GET', `/api/workspaces/${workspace}/files?path=${path}`)
    const n = Number(/^(\d+):/.exec(body.content)?.[1])
    if (!(n >= record.acknowledged && n <= record.sent)) lost.push(`${path}: write ${record.acknowledged}, found ${n}`)
    else if (body.content !== fileContent(n)) lost.push(`${path}: write ${n} is not whole (${body.content.length} characters)`)
  }
  const { body: tree } = await client.call('GET', `/api/workspaces/${workspace}/tree?depth=5`)
  t.same(tree.entries.map((entry: { path: string }) => entry.path).sort(), ['notes', ...done.files.keys()].sort(), 'no temporary file is visible')

  for (const { user, token } of done.tokens) {
    const { status, body } = await client.call('GET', '/api/auth/me', undefined, token)
    if (status !== 200 || body.user !== user) lost.push(`token of ${user}: ${status}`)
  }
  t.same(lost, [], 'nothing acknowledged is lost or half-written')
}

/** SIGKILL under every kind of write, start again on the same data, check it all; returns the data directory. */
export async function crashAndRestart (t: Test, env: Record<string, string>): Promise<string> {
  const dataDir = tempDir(t)
  const serverEnv = { PODPLAY_DATA_DIR: dataDir, PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN, PODPLAY_RATE_LIMIT_MAX: '1000000', ...env }
  const first = startServer(serverEnv)
  t.teardown(() => first.kill('SIGKILL'))
  const client = api(await first.url)
  const { body: space } = await client.call('POST', '/api/workspaces', { name: 'crash' })
  t.equal((await client.call('POST', '/api/mcp/servers/memory/install', {})).status, 201)
  const userTokens: string[] = []
  for (let index = 0; index < USERS; index++) userTokens.push((await client.call('POST', '/api/auth/tokens', { user: `installer-${index}`, scopes: ['read', 'write'] })).body.token)

  const done = await writeAndKill(t, first, client, space.id, userTokens)
  const total = done.chats.length + done.installs.length + done.update.acknowledged + 1 + [...done.files.values()].reduce((sum, file) => sum + file.acknowledged + 1, 0) + done.tokens.length
  t.ok(total >= 5 * WRITES_BEFORE_KILL, `${total} writes acknowledged before the SIGKILL`)

  // The restart runs in this process: a second child would only cost another start-up.
  const second = await buildApp({ config: loadConfig({ ...serverEnv, LOG_LEVEL: 'silent', PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '0' }), logger: false })
  t.teardown(() => second.close())
  await verify(t, api(await listen(second)), space.id, done)
  await second.close()
  return dataDir
}
