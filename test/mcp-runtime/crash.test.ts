import t from 'tap'
import { listen, once, socketClient, tokenFor } from '../helper.js'
import { buildWithFixtures, install, isAlive, runtimeRequest } from './helpers.js'

t.test('a crash is detected, and an install with auto_restart comes back', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-crashing', { auto_restart: true })
  const first = (await request('POST', 'fixture-crashing', 'start')).json()

  const crashed = new Promise<Record<string, any>>((resolve) => {
    app.mcpRuntime.events.on('status', (status) => { if (status.state === 'crashed') resolve(status) })
  })
  const running = new Promise<Record<string, any>>((resolve) => {
    app.mcpRuntime.events.on('status', (status) => { if (status.state === 'running') resolve(status) })
  })
  const call = await request('POST', 'fixture-crashing', 'tools/crash/call', { arguments: { code: 9 } })
  t.equal(call.statusCode, 502)
  t.equal(call.json().code, 'MCP_SERVER_GONE')
  t.match(await crashed, { exit_code: 9, last_error: /exited with code 9/ })
  t.notOk(isAlive(first.pid))

  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.match(ready.json().services['mcp-runtime'], { status: 'up', detail: /0 running, 1 crashed/ })
  t.equal(app.health.gauge('mcp_crashed'), 1)
  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${adminToken}` } })
  t.match(metrics.body, /^podplay_mcp_crashed 1$/m)

  const back = await running
  t.not(back.pid, first.pid)
  t.equal(back.restarts, 1)
  t.equal(app.health.gauge('mcp_running'), 1)
  t.equal(app.health.gauge('mcp_crashed'), 0)
  t.same(app.mcpRuntime.runningFor(back.user_id).map((status) => status.pid), [back.pid])
  t.equal((await request('POST', 'fixture-crashing', 'tools/ping/call', {})).json().content[0].text, 'pong')
})

t.test('state changes reach the owner\'s sockets as mcp_server_status, and nobody else\'s', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const url = await listen(app)
  const stranger = await tokenFor(app, 'eve', ['read'])
  const owner = socketClient(t, url, adminToken)
  const other = socketClient(t, url, stranger)
  await Promise.all([once(owner, 'connected'), once(other, 'connected')])
  const strangerSaw: unknown[] = []
  other.on('mcp_server_status', (status) => strangerSaw.push(status))

  const seen: Array<Record<string, any>> = []
  const running = new Promise<void>((resolve) => owner.on('mcp_server_status', (status) => {
    seen.push(status)
    if (status.state === 'running') resolve()
  }))
  await install(app, adminToken, 'fixture-crashing')
  await runtimeRequest(app, adminToken)('POST', 'fixture-crashing', 'start')
  await running
  t.same(seen.map((status) => status.state), ['installed', 'starting', 'starting', 'running'], 'the second starting carries the spawned pid')
  t.equal(seen[2].pid, seen[3].pid)
  t.match(seen[3], { name: 'fixture-crashing', pid: Number, server_info: { name: 'fixture-crashing', version: '0.0.1' }, transport: 'stdio' })

  const crashed = once<Record<string, any>>(owner, 'mcp_server_status')
  await runtimeRequest(app, adminToken)('POST', 'fixture-crashing', 'tools/crash/call', { arguments: { code: 5 } })
  t.match(await crashed, { state: 'crashed', exit_code: 5, next_restart_at: null, last_error: /exited with code 5/ })

  // A round trip on the stranger's socket: anything sent to it before has arrived by now.
  other.emit('test_event', 'flush')
  await once(other, 'test_response')
  t.same(strangerSaw, [])
})
