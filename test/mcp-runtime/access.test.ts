import t from 'tap'
import { tokenFor } from '../helper.js'
import { buildWithFixtures, install, isAlive, runtimeRequest } from './helpers.js'

t.test('another user cannot reach an install that is not theirs', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const other = await tokenFor(app, 'mallory', ['read', 'write'])
  await install(app, adminToken, 'fixture-stdio')
  const mine = (await runtimeRequest(app, adminToken)('POST', 'fixture-stdio', 'start')).json()

  const theirs = runtimeRequest(app, other)
  for (const [method, path, payload] of [
    ['GET', 'status'], ['GET', 'logs'], ['GET', 'tools'], ['POST', 'start'], ['POST', 'stop'], ['POST', 'restart'], ['POST', 'test'],
    ['POST', 'tools/echo/call', { arguments: { text: 'x' } }]
  ] as const) {
    const response = await theirs(method, 'fixture-stdio', path, payload)
    t.equal(response.statusCode, 404, `${method} ${path}`)
    t.equal(response.json().code, 'MCP_NOT_INSTALLED')
  }
  t.ok(isAlive(mine.pid), 'the owner\'s server was not touched')

  await install(app, other, 'fixture-stdio')
  const separate = (await theirs('POST', 'fixture-stdio', 'start')).json()
  t.equal(separate.user_id, (await app.tokens.ensureUser('mallory')).id)
  t.not(separate.pid, mine.pid, 'each user runs their own process')
  t.equal(app.mcpRuntime.runningFor(mine.user_id).length, 1)

  const readOnly = await tokenFor(app, 'reader', ['read'])
  t.equal((await runtimeRequest(app, readOnly)('POST', 'fixture-stdio', 'start')).statusCode, 403, 'starting needs the write scope')
})

t.test('limits per user and in total answer 429', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t, { env: { PODPLAY_MCP_MAX_PER_USER: '1', PODPLAY_MCP_MAX_TOTAL: '2' } })
  const other = await tokenFor(app, 'bob', ['read', 'write'])
  const third = await tokenFor(app, 'carol', ['read', 'write'])
  for (const token of [adminToken, other, third]) {
    await install(app, token, 'fixture-stdio')
    await install(app, token, 'io.github.podplay/fixture-echo')
  }
  t.equal((await runtimeRequest(app, adminToken)('POST', 'fixture-stdio', 'start')).statusCode, 200)
  t.equal((await runtimeRequest(app, adminToken)('POST', 'fixture-stdio', 'start')).statusCode, 200, 'starting a running server is not one more')
  const perUser = await runtimeRequest(app, adminToken)('POST', 'io.github.podplay/fixture-echo', 'start')
  t.equal(perUser.statusCode, 429)
  t.equal(perUser.json().code, 'MCP_LIMIT_REACHED')
  t.match(perUser.json().message, /the most one user may run at once \(1\); stop one first/)
  t.equal((await runtimeRequest(app, adminToken)('POST', 'io.github.podplay/fixture-echo', 'test')).statusCode, 429, 'a test connection counts too')

  t.equal((await runtimeRequest(app, other)('POST', 'fixture-stdio', 'start')).statusCode, 200)
  const total = await runtimeRequest(app, third)('POST', 'fixture-stdio', 'start')
  t.equal(total.statusCode, 429)
  t.match(total.json().message, /This service already runs 2 MCP servers, its limit \(2\)/)

  await runtimeRequest(app, other)('POST', 'fixture-stdio', 'stop')
  const freed = await runtimeRequest(app, third)('POST', 'io.github.podplay/fixture-echo', 'start')
  t.equal(freed.statusCode, 200, 'a stop frees the slot')
  t.equal(freed.json().name, 'io.github.podplay/fixture-echo', 'a registry name\'s slash is sent as %2F')
})
