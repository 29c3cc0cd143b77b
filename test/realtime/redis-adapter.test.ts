import t from 'tap'
import { build, listen, once, socketClient } from '../helper.js'
import { hasRedisServer, sharedDeployment, startRedis } from './redis-server.js'

// .ci/run installs redis-server; elsewhere these tests need Debian's redis-server package.
const skip = hasRedisServer() ? false : 'redis-server is not installed'

t.test('with REDIS_URL, a broadcast from one instance reaches a user\'s socket on another', { skip }, async (t) => {
  // Two instances of one deployment: one database, one Redis.
  const { env } = await sharedDeployment(t)
  const first = await build(t, env)
  const second = await build(t, env)
  const firstUrl = await listen(first.app)

  const socket = socketClient(t, firstUrl, first.adminToken)
  await once(socket, 'connected')
  const status = once<{ name: string, state: string }>(socket, 'mcp_server_status')
  const installed = await second.app.inject({ method: 'POST', url: '/api/mcp/servers/memory/install', headers: second.auth(), payload: {} })
  t.equal(installed.statusCode, 201, installed.payload)
  t.match(await status, { name: 'memory', state: 'installed' }, 'installed on the second instance, announced by the first')

  const ready = await first.app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 200, ready.payload)
  t.match(ready.json().services.redis, { status: 'up' })
})

t.test('an unreachable REDIS_URL stops the start with a message naming it, password hidden', { skip }, async (t) => {
  const redis = await startRedis()
  const url = redis.url.replace('redis://', 'redis://podplay:hunter2@')
  await redis.stop()
  await t.rejects(build(t, { REDIS_URL: url }), { name: 'RedisUnavailableError', message: /^Redis at redis:\/\/\[redacted\]@127\.0\.0\.1:\d+ is unreachable/ })
})

t.test('REDIS_URL must be a redis:// or rediss:// URL', async (t) => {
  await t.rejects(build(t, { REDIS_URL: 'http://localhost:6379' }), { message: /REDIS_URL="http:\/\/localhost:6379".*redis:\/\/ or rediss:\/\/ URL/ })
})
