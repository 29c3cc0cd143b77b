import t from 'tap'
import { isAlive, stdioSpec, supervise } from './helpers.js'

t.test('a stdio server: start, status, tools, calls, logs, stop', async (t) => {
  process.env.PODPLAY_PARENT_ONLY = 'not for children'
  t.teardown(() => { delete process.env.PODPLAY_PARENT_ONLY })
  const { supervisor, watcher } = supervise(t, stdioSpec('stdio-server', { FIXTURE_GREETING: 'hello' }))

  const running = await supervisor.start()
  t.equal(running.state, 'running')
  t.equal(running.transport, 'stdio')
  t.same(running.server_info, { name: 'fixture-stdio', version: '1.2.3' })
  t.ok(running.pid && isAlive(running.pid), 'the child runs')
  t.same(watcher.seen.map((status) => [status.state, status.pid]), [['starting', null], ['starting', running.pid], ['running', running.pid]])
  t.equal((await supervisor.start()).pid, running.pid, 'starting a running server changes nothing')

  const connection = supervisor.live()
  const tools = await connection.listTools()
  t.same(tools.map((tool) => tool.name).sort(), ['add', 'echo', 'env', 'fail', 'grow'])
  t.match(tools.find((tool) => tool.name === 'echo'), { description: 'Repeats the text', input_schema: { type: 'object', required: ['text'] } })

  t.same(await connection.callTool('echo', { text: 'hi' }), { content: [{ type: 'text', text: 'hi' }], is_error: false })
  t.equal((await connection.callTool('add', { a: 2, b: 3 })).content[0].text, '5')
  t.equal((await connection.callTool('env', { name: 'FIXTURE_GREETING' })).content[0].text, 'hello', 'the spec\'s env reaches the child')
  t.equal((await connection.callTool('env', { name: 'PODPLAY_PARENT_ONLY' })).content[0].text, '(unset)', 'the parent\'s env does not')
  t.equal((await connection.callTool('fail', {})).is_error, true, 'a tool-level failure is a result')

  await t.rejects(connection.callTool('echo', { text: 5 }), { statusCode: 400, code: 'MCP_INVALID_ARGUMENTS', message: /arguments\/text must be string/ })
  await t.rejects(connection.callTool('echo', {}), { statusCode: 400, message: /must have required property 'text'/ })
  await t.rejects(connection.callTool('nope', {}), { statusCode: 404, code: 'MCP_TOOL_NOT_FOUND' })

  t.equal((await connection.callTool('grow', {})).content[0].text, 'extra_1')
  t.ok((await connection.listTools()).some((tool) => tool.name === 'extra_1'), 'tools/list_changed refreshed the cached list')

  t.ok(supervisor.log.tail(100).some((line) => line.stream === 'stderr' && line.text === 'fixture-stdio ready'), 'stderr is in the log')
  t.ok(supervisor.status().uptime_ms! >= 0)

  const stopped = await supervisor.stop()
  t.equal(stopped.state, 'stopped')
  t.equal(stopped.pid, null)
  t.equal(stopped.exit_code, 0, 'it ended when its stdin closed')
  t.notOk(isAlive(running.pid!), 'the child is gone, not a zombie')
  t.throws(() => supervisor.live(), { statusCode: 409, code: 'MCP_NOT_RUNNING' })
  t.equal((await supervisor.stop()).state, 'stopped', 'stopping twice is harmless')
})

t.test('restart replaces the process', async (t) => {
  const { supervisor } = supervise(t, stdioSpec('stdio-server'))
  const before = await supervisor.start()
  const after = await supervisor.restart()
  t.equal(after.state, 'running')
  t.not(after.pid, before.pid)
  t.notOk(isAlive(before.pid!))
})

t.test('a slow tool call is cancelled at the timeout and answers 504', async (t) => {
  const { supervisor } = supervise(t, stdioSpec('slow-server'), { callTimeoutMs: 1000 })
  await supervisor.start()
  const connection = supervisor.live()
  t.equal((await connection.callTool('sleep', { ms: 10 })).content[0].text, 'slept 10 ms')
  await t.rejects(connection.callTool('sleep', { ms: 60_000 }), { statusCode: 504, code: 'MCP_CALL_TIMEOUT', message: /No answer to the tool 'sleep' within 1000 ms; the request was cancelled/ })
  // The cancellation went out before this call, over the same ordered stream.
  t.equal((await connection.callTool('cancelled', {})).content[0].text, '1', 'the server was told to cancel')
})
