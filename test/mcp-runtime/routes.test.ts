import t from 'tap'
import { buildWithFixtures, install, isAlive, runtimeRequest } from './helpers.js'

t.test('start, status, tools, a call, argument validation, logs and stop over HTTP', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-stdio')

  const idle = await request('GET', 'fixture-stdio', 'status')
  t.equal(idle.statusCode, 200)
  t.match(idle.json(), { name: 'fixture-stdio', state: 'stopped', pid: null })
  t.equal((await request('GET', 'fixture-stdio', 'logs')).json().lines.length, 0)

  const notRunning = await request('GET', 'fixture-stdio', 'tools')
  t.equal(notRunning.statusCode, 409)
  t.equal(notRunning.json().code, 'MCP_NOT_RUNNING')

  const started = await request('POST', 'fixture-stdio', 'start')
  t.equal(started.statusCode, 200)
  const status = started.json()
  t.match(status, { name: 'fixture-stdio', user_id: (await app.tokens.ensureUser('admin')).id, state: 'running', transport: 'stdio', server_info: { name: 'fixture-stdio', version: '1.2.3' } })
  t.ok(isAlive(status.pid))

  const later = (await request('GET', 'fixture-stdio', 'status')).json()
  t.equal(later.pid, status.pid)
  t.ok(later.uptime_ms >= 0)

  const tools = await request('GET', 'fixture-stdio', 'tools')
  t.equal(tools.statusCode, 200)
  t.same(tools.json().tools.map((tool: { name: string }) => tool.name).sort(), ['add', 'echo', 'env', 'fail', 'grow'])
  t.match(tools.json().tools.find((tool: { name: string }) => tool.name === 'add'), { description: 'Adds two numbers', input_schema: { properties: { a: { type: 'number' } } } })

  const called = await request('POST', 'fixture-stdio', 'tools/echo/call', { arguments: { text: 'hello over HTTP' } })
  t.equal(called.statusCode, 200)
  t.same(called.json(), { content: [{ type: 'text', text: 'hello over HTTP' }], is_error: false })
  const env = await request('POST', 'fixture-stdio', 'tools/env/call', { arguments: { name: 'FIXTURE_GREETING' } })
  t.equal(env.json().content[0].text, 'from the catalog', 'the catalog command\'s env reaches the child')
  t.equal((await request('POST', 'fixture-stdio', 'tools/fail/call', {})).json().is_error, true, 'no arguments means {}')

  const invalid = await request('POST', 'fixture-stdio', 'tools/add/call', { arguments: { a: 1, b: 'two' } })
  t.equal(invalid.statusCode, 400)
  t.equal(invalid.json().code, 'MCP_INVALID_ARGUMENTS')
  t.match(invalid.json().message, /arguments\/b must be number/)
  const unknownTool = await request('POST', 'fixture-stdio', 'tools/nope/call', { arguments: {} })
  t.equal(unknownTool.statusCode, 404)
  t.equal(unknownTool.json().code, 'MCP_TOOL_NOT_FOUND')
  t.equal((await request('POST', 'fixture-stdio', 'tools/echo/call', { arguments: [] })).statusCode, 400, 'arguments must be an object')

  const logs = await request('GET', 'fixture-stdio', 'logs?lines=50')
  t.ok(logs.json().lines.some((line: { stream: string, text: string }) => line.stream === 'stderr' && line.text === 'fixture-stdio ready'))
  t.match(logs.json().lines.at(-1), { stream: 'runtime', text: 'running (stdio)' })
  t.ok(logs.json().lines.some((line: { text: string }) => line.text === `spawned pid ${status.pid}`))
  t.equal((await request('GET', 'fixture-stdio', 'logs?lines=1')).json().lines.length, 1)
  t.equal((await request('GET', 'fixture-stdio', 'logs?lines=0')).statusCode, 400)

  const stopped = await request('POST', 'fixture-stdio', 'stop')
  t.equal(stopped.statusCode, 200)
  t.match(stopped.json(), { state: 'stopped', pid: null, exit_code: 0 })
  t.notOk(isAlive(status.pid), 'the child is gone')
})

t.test('a slow call is cancelled at PODPLAY_MCP_CALL_TIMEOUT_MS and answers 504', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t, { env: { PODPLAY_MCP_CALL_TIMEOUT_MS: '1000' } })
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-slow')
  await request('POST', 'fixture-slow', 'start')
  const slow = await request('POST', 'fixture-slow', 'tools/sleep/call', { arguments: { ms: 60_000 } })
  t.equal(slow.statusCode, 504)
  t.equal(slow.json().code, 'MCP_CALL_TIMEOUT')
  t.match(slow.json().message, /No answer to the tool 'sleep' within 1000 ms; the request was cancelled/)
  t.equal((await request('POST', 'fixture-slow', 'tools/cancelled/call', {})).json().content[0].text, '1', 'the server got the cancellation')
})
