import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import t from 'tap'
import { io, type Socket } from 'socket.io-client'
import { ADMIN_TOKEN, tempDir } from '../helper.js'
import { startServer } from '../server-process.js'

const CLIENTS = 16
const SOCKETS = 20
/** Requests each client makes before the signal, so every connection is busy when it comes. */
const WARM_UP = 10

interface Answer { status: number, headers: IncomingHttpHeaders, body: string }

/** One GET over a given agent, resolved with the whole body. */
function get (agent: Agent, url: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { agent, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

interface ClientRun {
  answers: number
  /** Anything that went wrong other than the refused connection that ends the run. */
  problems: string[]
  last?: Answer
  endedBy?: string
}

/** A keep-alive client sending requests back to back until its connection is refused. */
async function loop (url: string, index: number, run: ClientRun, signalled: () => boolean): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  // Half the clients need the database (token look-up), half do not.
  const path = index % 2 === 0 ? '/health' : '/api/auth/me'
  try {
    for (;;) {
      let answer: Answer
      try {
        answer = await get(agent, url, path)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error)
        if (code !== 'ECONNREFUSED' || !signalled()) run.problems.push(`${code} after ${run.answers} answers`)
        run.endedBy = code
        return
      }
      run.answers += 1
      run.last = answer
      try {
        JSON.parse(answer.body)
      } catch {
        run.problems.push(`a cut body: ${JSON.stringify(answer.body)}`)
      }
      const refused = answer.status === 503 && answer.headers['retry-after'] !== undefined && answer.headers.connection === 'close'
      if (answer.status !== 200 && !refused) run.problems.push(`status ${answer.status}: ${answer.body}`)
    }
  } finally {
    agent.destroy()
  }
}

t.test('SIGTERM under load: every request is answered whole, sockets are told why, exit 0', async (t) => {
  const server = startServer({ PODPLAY_DATA_DIR: tempDir(t), PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN, PODPLAY_RATE_LIMIT_MAX: '1000000' })
  t.teardown(() => server.kill('SIGKILL'))
  const url = await server.url

  const sockets: Array<{ socket: Socket, notice: Promise<unknown>, disconnect: Promise<string> }> = []
  for (let index = 0; index < SOCKETS; index++) {
    const socket = io(url, { transports: ['websocket'], auth: { token: ADMIN_TOKEN }, reconnection: false, forceNew: true })
    t.teardown(() => { socket.disconnect() })
    await new Promise((resolve) => socket.once('connected', resolve))
    sockets.push({
      socket,
      notice: new Promise((resolve) => socket.once('server_shutdown', resolve)),
      disconnect: new Promise((resolve) => socket.once('disconnect', resolve))
    })
  }

  let signalled = false
  const runs: ClientRun[] = Array.from({ length: CLIENTS }, () => ({ answers: 0, problems: [] }))
  const loops = runs.map((run, index) => loop(url, index, run, () => signalled))
  while (runs.some((run) => run.answers < WARM_UP && run.endedBy === undefined)) await new Promise((resolve) => setImmediate(resolve))

  signalled = true
  server.kill('SIGTERM')
  t.equal(await server.exit, 0, 'the process exits 0')
  await Promise.all(loops)

  for (const [index, run] of runs.entries()) {
    t.same(run.problems, [], `client ${index}: no error but the refused connection at the end`)
    t.equal(run.endedBy, 'ECONNREFUSED', `client ${index} stopped at a refused connection`)
    t.equal(run.last?.headers.connection, 'close', `client ${index} was told its last connection closes`)
  }
  t.ok(runs.every((run) => run.answers >= WARM_UP))

  for (const { notice, disconnect } of sockets) {
    t.match(await notice, { reason: 'server_shutdown', message: /shutting down/ })
    t.equal(await disconnect, 'transport close', 'the connection closes underneath, so a client would reconnect by itself')
  }
  t.notMatch(server.output(), /killed by timeout/)
})
