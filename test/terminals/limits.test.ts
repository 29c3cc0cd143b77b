import t from 'tap'
import { ADMIN_TOKEN, listen, once } from '../helper.js'
import { alive, connectedClient, terminalSetup } from './fixtures.js'

t.test('the number of terminals is capped (PODPLAY_MAX_TERMINALS)', async (t) => {
  const { app, auth, open, openId } = await terminalSetup(t, { PODPLAY_MAX_TERMINALS: '2' })
  const first = await openId()
  await openId()
  const refused = await open()
  t.equal(refused.statusCode, 429)
  t.equal(refused.json().code, 'TERMINAL_LIMIT')
  t.match(refused.json().message, /maximum of 2 \(PODPLAY_MAX_TERMINALS\).*DELETE \/api\/terminals/)
  await app.inject({ method: 'DELETE', url: `/api/terminals/${first}`, headers: auth() })
  t.equal((await open()).statusCode, 201, 'closing one makes room')
})

t.test('idle terminals are culled (PODPLAY_TERMINAL_IDLE_MS) and attached clients told', async (t) => {
  // Long enough for the client to join first even on a loaded machine; joining counts as activity.
  const { app, adminToken, auth, openId } = await terminalSetup(t, { PODPLAY_TERMINAL_IDLE_MS: '2000' })
  const url = await listen(app)
  const socket = await connectedClient(t, url, adminToken)
  const id = await openId()
  const exit = once<any>(socket, 'terminal_exit')
  t.same(await socket.emitWithAck('join_terminal', { session_id: id }), { ok: true })
  t.match(await exit, { session_id: id, reason: 'idle' })
  t.equal((await app.inject({ method: 'GET', url: `/api/terminals/${id}`, headers: auth() })).statusCode, 404)
})

t.test('terminal counts appear in system_status and readiness', async (t) => {
  const { app, adminToken, openId } = await terminalSetup(t)
  await openId()
  await openId()
  const url = await listen(app)
  const socket = await connectedClient(t, url, adminToken)
  socket.emit('system_status_request')
  const status = await once<any>(socket, 'system_status')
  t.equal(status.system.active_terminals, 2)
  t.equal(status.services.terminals, 'up')
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.json().services.terminals.detail, '2 of 10 open')
})

t.test('deleting a workspace closes its terminals', async (t) => {
  const { app, openId, userId, workspaceId } = await terminalSetup(t)
  const id = await openId()
  const pid = app.terminals.list(await app.authenticateToken(ADMIN_TOKEN), { limit: 1 }).items[0].pid
  const exit = new Promise<any>((resolve) => app.terminals.events.once('exit', resolve))
  await app.workspaces.remove(userId, workspaceId)
  t.match(await exit, { session_id: id, reason: 'killed' })
  t.notOk(alive(pid))
})

t.test('no pty is left after the app closes', async (t) => {
  const { app, openId } = await terminalSetup(t)
  await openId()
  await openId()
  const principal = await app.authenticateToken(ADMIN_TOKEN)
  const pids = app.terminals.list(principal, { limit: 10 }).items.map((terminal) => terminal.pid)
  t.equal(pids.length, 2)
  t.ok(pids.every(alive))
  await app.close()
  t.equal(app.terminals.count, 0)
  t.ok(pids.every((pid) => !alive(pid)), 'every shell was killed before close resolved')
})
