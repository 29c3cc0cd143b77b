import t from 'tap'
import { buildWithFixtures, httpFixture, install, runtimeRequest, supervise } from './helpers.js'

t.test('a Streamable HTTP server on a loopback port, with the spec\'s headers', async (t) => {
  const remote = await httpFixture(t)
  const { supervisor } = supervise(t, { transport: 'streamable-http', url: remote.url, headers: { 'x-podplay-test': 'from the spec' } })
  const running = await supervisor.start()
  t.equal(running.transport, 'streamable-http')
  t.equal(running.pid, null)
  t.same(running.server_info, { name: 'fixture-http', version: '2.0.0' })
  t.equal((await supervisor.live().callTool('echo', { text: 'over http' })).content[0].text, 'over http')
  t.equal((await supervisor.live().callTool('header', { name: 'x-podplay-test' })).content[0].text, 'from the spec')
  t.equal(remote.openSessions(), 1)
  await supervisor.stop()
  t.equal(remote.openSessions(), 0, 'the session was ended with DELETE')
})

t.test('a server that speaks only SSE is reached by falling back, or directly', async (t) => {
  const remote = await httpFixture(t, 'sse-only')
  const fallback = supervise(t, { transport: 'streamable-http', url: remote.url, headers: {} }).supervisor
  t.equal((await fallback.start()).transport, 'sse')
  t.equal((await fallback.live().callTool('echo', { text: 'sse' })).content[0].text, 'sse')
  const direct = supervise(t, { transport: 'sse', url: remote.url, headers: {} }).supervisor
  t.equal((await direct.start()).transport, 'sse')
})

t.test('a remote that is not there fails to start', async (t) => {
  const remote = await httpFixture(t)
  await remote.close()
  const { supervisor } = supervise(t, { transport: 'streamable-http', url: remote.url, headers: {} })
  await t.rejects(supervisor.start(), { statusCode: 502, code: 'MCP_START_FAILED' })
  const sse = supervise(t, { transport: 'sse', url: remote.url, headers: {} }).supervisor
  await t.rejects(sse.start(), { statusCode: 502, code: 'MCP_START_FAILED' })
})

t.test('a Streamable HTTP remote through the app', async (t) => {
  const remote = await httpFixture(t)
  const { app, adminToken } = await buildWithFixtures(t, { remoteUrl: remote.url })
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-http')
  t.match((await request('POST', 'fixture-http', 'start')).json(), { state: 'running', transport: 'streamable-http', pid: null, server_info: { name: 'fixture-http' } })
  t.equal((await request('POST', 'fixture-http', 'tools/echo/call', { arguments: { text: 'remote' } })).json().content[0].text, 'remote')
  t.equal((await request('POST', 'fixture-http', 'restart')).json().state, 'running')
  t.equal((await request('POST', 'fixture-http', 'stop')).json().state, 'stopped')
  t.equal(remote.openSessions(), 0)
})

t.test('a remote that goes away is marked crashed after two unanswered pings, while one that answers stays running', async (t) => {
  const remote = await httpFixture(t)
  const { supervisor, watcher } = supervise(t, { transport: 'streamable-http', url: remote.url, headers: {} }, { heartbeatMs: 100 })
  await supervisor.start()
  await new Promise((resolve) => setTimeout(resolve, 500))
  t.equal(supervisor.status().state, 'running', 'answered pings keep it running')

  const crashed = watcher.next((status) => status.state === 'crashed')
  await remote.close()
  t.match(await crashed, { state: 'crashed', last_error: /stopped answering pings/ })
})
