import t from 'tap'
import { tokenFor } from '../helper.js'
import { buildWithFixtures, install, isAlive, runtimeRequest } from './helpers.js'

t.test('an uninstall stops the server, and closing the app stops every child and waits for it', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const other = await tokenFor(app, 'dora', ['read', 'write'])
  const pids: number[] = []
  for (const token of [adminToken, other]) {
    for (const name of ['fixture-stdio', 'fixture-slow']) {
      await install(app, token, name)
      pids.push((await runtimeRequest(app, token)('POST', name, 'start')).json().pid)
    }
  }
  t.ok(pids.every(isAlive))

  // Uninstalling through the marketplace: its 'uninstalled' event stops the running server.
  const stopped = new Promise((resolve) => app.mcpRuntime.events.on('status', (status) => { if (status.state === 'stopped') resolve(status) }))
  const response = await app.inject({ method: 'DELETE', url: '/api/mcp/servers/fixture-stdio/install', headers: { authorization: `Bearer ${adminToken}` } })
  t.equal(response.statusCode, 204)
  await stopped
  t.notOk(isAlive(pids[0]), 'the uninstalled server stopped')
  t.equal(app.health.gauge('mcp_running'), 3)

  await app.close()
  t.same(pids.filter(isAlive), [], 'no child outlives the app')
})
