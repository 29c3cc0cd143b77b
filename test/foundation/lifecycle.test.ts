import t from 'tap'
import { io } from 'socket.io-client'
import { tempDir } from '../helper.js'
import { startServer } from '../server-process.js'

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
