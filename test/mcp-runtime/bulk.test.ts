import t from 'tap'
import { buildWithFixtures, install, isAlive, runtimeRequest } from './helpers.js'

t.test('bulk start, stop, restart and uninstall, with a result per name', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  await install(app, adminToken, 'fixture-stdio')
  await install(app, adminToken, 'fixture-slow')
  const bulk = (action: string, names: string[]) => app.inject({ method: 'POST', url: '/api/mcp/bulk', headers: { authorization: `Bearer ${adminToken}` }, payload: { action, names } })

  const started = await bulk('start', ['fixture-stdio', 'fixture-slow', 'fixture-crashing'])
  t.equal(started.statusCode, 200)
  t.same(started.json(), {
    action: 'start',
    results: [
      { name: 'fixture-stdio', success: true, state: 'running' },
      { name: 'fixture-slow', success: true, state: 'running' },
      { name: 'fixture-crashing', success: false, error: { statusCode: 404, code: 'MCP_NOT_INSTALLED', message: 'You have not installed the MCP server fixture-crashing' } }
    ],
    succeeded: 2,
    failed: 1
  })
  const pids = app.mcpRuntime.runningFor((await app.tokens.ensureUser('admin')).id).map((status) => status.pid!)
  t.equal(pids.length, 2)

  const restarted = (await bulk('restart', ['fixture-stdio'])).json()
  t.match(restarted, { succeeded: 1, results: [{ state: 'running' }] })
  const stopped = (await bulk('stop', ['fixture-stdio', 'fixture-slow'])).json()
  t.same(stopped.results.map((result: { state: string }) => result.state), ['stopped', 'stopped'])
  for (const pid of pids) t.notOk(isAlive(pid))

  await bulk('start', ['fixture-slow'])
  const slowPid = (await runtimeRequest(app, adminToken)('GET', 'fixture-slow', 'status')).json().pid
  const uninstalled = (await bulk('uninstall', ['fixture-slow', 'fixture-slow-typo'])).json()
  t.match(uninstalled, { succeeded: 1, failed: 1, results: [{ name: 'fixture-slow', success: true }, { success: false, error: { statusCode: 404 } }] })
  t.notOk(isAlive(slowPid), 'uninstalling stops the server first')
  t.equal((await runtimeRequest(app, adminToken)('GET', 'fixture-slow', 'status')).statusCode, 404)

  t.equal((await bulk('start', [])).statusCode, 400, 'at least one name')
  t.equal((await bulk('explode', ['fixture-stdio'])).statusCode, 400)
  t.equal((await bulk('stop', ['fixture-stdio', 'fixture-stdio'])).statusCode, 400, 'names are unique')
})
