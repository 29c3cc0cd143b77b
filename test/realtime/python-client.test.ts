import { execFile, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { build, listen } from '../helper.js'

// Debian's packages install for the system interpreter, whatever python3 comes first on PATH.
const PYTHON = '/usr/bin/python3'
const CLIENT = fileURLToPath(new URL('./fixtures/python_client.py', import.meta.url))

const hasSocketIo = spawnSync(PYTHON, ['-c', 'import socketio, websocket']).status === 0

t.test('a third-party client: python-socketio over websocket-client', { skip: !hasSocketIo && !process.env.CI && 'python3-socketio and python3-websocket are not installed (apt-get install python3-socketio python3-websocket; .ci/run does)' }, async (t) => {
  const { app, adminToken } = await build(t)
  const url = await listen(app)
  // websocket-client sends the target's own origin, which the service must take as its own page.
  const { stdout } = await promisify(execFile)(PYTHON, [CLIENT, url, adminToken], { timeout: 60_000 })
  const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string, payload: any })
  const first = (name: string) => events.find((entry) => entry.event === name)?.payload

  t.match(first('connected'), { status: 'success', user: { name: 'admin' } })
  t.equal(first('transport'), 'websocket', 'no fallback to polling')
  t.same(first('test_response'), { status: 'success', message: 'Test event received', data: { from: 'python' } })
  t.match(first('system_status'), { services: { database: 'up' }, system: { connected_clients: 1 } })
  // Printed in the order the client's threads ran them; the index is the answer's order.
  const chunks = events.filter((entry) => entry.event === 'mama_bear_chunk').sort((a, b) => a.payload.index - b.payload.index)
  const response = first('mama_bear_response')
  t.match(response, { success: true, type: 'mama_bear_response', provider: 'embedded', response: /Mama Bear/ })
  t.ok(chunks.length > 0, 'the answer streamed in pieces first')
  t.same(chunks.map((entry) => entry.payload.index), chunks.map((_entry, position) => position), 'every piece, once')
  t.equal(chunks.map((entry) => entry.payload.delta).join(''), response.response, 'the pieces make the answer')
  t.notOk(first('error'), 'no error event')
})
