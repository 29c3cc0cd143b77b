import t from 'tap'
import type { LaunchSpec } from '../../services/marketplace/launch.js'
import { isAlive, stdioSpec, supervise } from './helpers.js'

/** A child that never answers the MCP handshake. */
const silentChild = stdioSpec('silent-server')

t.test('a command that cannot start fails with 502 and the reason', async (t) => {
  const { supervisor } = supervise(t, { transport: 'stdio', command: '/nonexistent/podplay-mcp-server', args: [], env: {} })
  await t.rejects(supervisor.start(), { statusCode: 502, code: 'MCP_START_FAILED', message: /ENOENT/ })
  const status = supervisor.status()
  t.equal(status.state, 'crashed')
  t.match(status.last_error, /ENOENT/)
  t.equal(supervisor.wanted, false)
})

t.test('a server that exits during the handshake fails with what it said', async (t) => {
  const spec: LaunchSpec = { transport: 'stdio', command: process.execPath, args: ['-e', 'process.stderr.write("bad configuration: API_KEY missing\\n"); process.exit(2)'], env: {} }
  const { supervisor } = supervise(t, spec)
  await t.rejects(supervisor.start(), { statusCode: 502, message: /last stderr: bad configuration: API_KEY missing/ })
})

t.test('a stop during the start aborts it and kills the child', async (t) => {
  const { supervisor, watcher } = supervise(t, silentChild)
  const starting = supervisor.start()
  const { pid } = await watcher.next((status) => status.state === 'starting' && status.pid !== null)
  t.ok(isAlive(pid!), 'the status shows the child while it starts')
  const stopped = await supervisor.stop()
  await t.rejects(starting, { statusCode: 502, code: 'MCP_START_FAILED' })
  t.equal(stopped.state, 'stopped')
  t.equal(stopped.pid, null)
  t.notOk(isAlive(pid!))
})
