import { spawn } from 'node:child_process'
import t from 'tap'
import { io } from 'socket.io-client'
import { projectRoot } from '../../plugins/config.js'
import { tempDir } from '../helper.js'
import { loaderEnv, typescriptArgs } from '../typescript-child.js'

interface Server {
  url: Promise<string>
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>
  output: () => string
  exit: Promise<number | null>
  kill: (signal: NodeJS.Signals) => void
}

/** Runs server.ts as a real child process. */
function startServer (env: Record<string, string>): Server {
  const child = spawn(process.execPath, typescriptArgs('server.ts'), {
    cwd: projectRoot,
    // Load shedding off: a busy test machine must not turn these requests into 503s.
    env: { ...loaderEnv(), PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  // Registered before any waitFor listener, so a listener always sees the chunk that woke it.
  const collect = (chunk: Buffer) => { output += chunk.toString() }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  /** The first match of a pattern in the output so far or to come; rejected if the process ends first. */
  const waitFor = (pattern: RegExp) => new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output)
      if (match) resolve(match)
      return match
    }
    if (check()) return
    const onData = () => {
      if (!check()) return
      child.stdout.off('data', onData)
      child.stderr.off('data', onData)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', () => reject(new Error(`server exited before printing ${pattern}:\n${output}`)))
  })
  const url = waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/).then((match) => match[1])
  url.catch(() => {})
  return { url, waitFor, output: () => output, exit: exited, kill: (signal) => child.kill(signal) }
}

t.test('first start prints a generated admin token once; SIGTERM closes cleanly with exit 0', async (t) => {
  const dataDir = tempDir(t)
  const first = startServer({ PODPLAY_DATA_DIR: dataDir })
  t.teardown(() => first.kill('SIGKILL'))
  const url = await first.url
  const [, token] = await first.waitFor(/generated an admin token[\s\S]*?\n {2}(pps_\S+)\n/)
  t.ok(token, 'the token is printed')

  const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false })
  await new Promise((resolve) => socket.once('connected', resolve))
  const disconnected = new Promise((resolve) => socket.once('disconnect', resolve))
  const health = await fetch(`${url}/health`)
  t.equal(health.status, 200)

  first.kill('SIGTERM')
  t.equal(await first.exit, 0)
  await disconnected
  t.match(first.output(), /shutting down/)

  const second = startServer({ PODPLAY_DATA_DIR: dataDir })
  t.teardown(() => second.kill('SIGKILL'))
  const secondUrl = await second.url
  const me = await fetch(`${secondUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
  t.equal(me.status, 200, 'the token survives a restart')
  second.kill('SIGTERM')
  t.equal(await second.exit, 0)
  t.notMatch(second.output(), /generated an admin token/, 'the token is shown only once')
})

t.test('a bad configuration stops the process with one clear message', async (t) => {
  const server = startServer({ PORT: 'abc', LOG_LEVEL: 'loud' })
  t.equal(await server.exit, 2)
  t.match(server.output(), /Invalid configuration/)
  t.match(server.output(), /PORT="abc"/)
  t.match(server.output(), /LOG_LEVEL="loud"/)
  t.notMatch(server.output(), /at .*\.ts:\d+/, 'no stack trace')
})

t.test('an unreachable Redis stops the start with one message, no stack trace', async (t) => {
  const server = startServer({ PODPLAY_DATA_DIR: tempDir(t), REDIS_URL: 'redis://127.0.0.1:1' })
  t.equal(await server.exit, 1)
  t.match(server.output(), /Could not start: Redis at redis:\/\/127\.0\.0\.1:1 is unreachable/)
  t.notMatch(server.output(), /at .*\.ts:\d+/, 'no stack trace')
})
