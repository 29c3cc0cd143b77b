import t from 'tap'
import { buildWithFixtures, install, runtimeRequest } from './helpers.js'

t.test('a test connection reports tools and latency, or why it failed', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-stdio')
  await install(app, adminToken, 'fixture-missing')

  const ok = await request('POST', 'fixture-stdio', 'test')
  t.equal(ok.statusCode, 200)
  const result = ok.json()
  t.match(result, { success: true, transport: 'stdio', server_info: { name: 'fixture-stdio' }, error: null })
  t.ok(result.tools.includes('echo'))
  t.ok(result.latency_ms > 0 && result.initialize_ms > 0 && result.list_tools_ms >= 0)
  t.equal((await request('GET', 'fixture-stdio', 'status')).json().state, 'stopped', 'a test does not leave the server running')

  const failed = (await request('POST', 'fixture-missing', 'test')).json()
  t.match(failed, { success: false, initialize_ms: null, tools: [], error: /ENOENT/ })

  const start = await request('POST', 'fixture-missing', 'start')
  t.equal(start.statusCode, 502)
  t.equal(start.json().code, 'MCP_START_FAILED')
  t.match((await request('GET', 'fixture-missing', 'status')).json(), { state: 'crashed', last_error: /ENOENT/ })
})
