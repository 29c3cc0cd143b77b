import { setTimeout as delay } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import type { ServerSupervisor } from '../../services/mcp-runtime/supervisor.js'
import { MAX_MALFORMED_MESSAGES } from '../../services/mcp-runtime/protocol-guard.js'
import { isAlive, stdioSpec, supervise } from './helpers.js'

// A real collection before each heap measurement, so the figures are what is kept, not garbage.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void
const heapUsed = () => {
  collectGarbage()
  return process.memoryUsage().heapUsed
}
const MiB = 2 ** 20

/** Every pid the supervisor spawned, from its log. */
function spawnedPids (supervisor: ServerSupervisor): number[] {
  return supervisor.log.tail(1000).filter((line) => line.text.startsWith('spawned pid ')).map((line) => Number(line.text.slice('spawned pid '.length)))
}

/** Resolves once a line has reached the server's log (it has no event of its own). */
async function logged (supervisor: ServerSupervisor, text: string): Promise<void> {
  while (!supervisor.log.tail(10).some((line) => line.text === text)) await delay(20)
}

t.test('a server that crashes right after every start is backed off, then left crashed with its reason', async (t) => {
  const { supervisor, watcher } = supervise(t, stdioSpec('crash-loop-server'), {
    autoRestart: async () => true,
    backoff: { initialMs: 20, maxMs: 10_000, maxRestarts: 3 }
  })
  const gaveUp = watcher.next((status) => /gave up/.test(status.last_error ?? ''))
  await supervisor.start()
  const final = await gaveUp

  t.equal(final.state, 'crashed')
  t.equal(final.restarts, 3)
  t.equal(final.next_restart_at, null, 'no restart is coming')
  t.match(final.last_error, /^process exited with code 1 \(last stderr: fatal: the configuration file is gone\); gave up after 3 restarts in a row$/)
  t.equal(supervisor.wanted, false, 'it no longer holds a slot')
  const notes = supervisor.log.tail(1000).map((line) => line.text)
  t.same(notes.filter((text) => text.startsWith('restarting in ')), ['restarting in 20 ms', 'restarting in 40 ms', 'restarting in 80 ms'], 'each wait twice the last')
  const pids = spawnedPids(supervisor)
  t.equal(pids.length, 4, 'the first start and three restarts, no more')
  t.notOk(pids.some(isAlive), 'every crashed child was reaped')
  t.equal(supervisor.status().state, 'crashed')
})

t.test('a server flooding stderr keeps its log, and our memory, bounded, and keeps working', async (t) => {
  const lines = 1500
  const lineBytes = 64 * 1024
  const before = heapUsed()
  const { supervisor } = supervise(t, stdioSpec('flood-server', { FLOOD_LINES: String(lines), FLOOD_LINE_BYTES: String(lineBytes) }, ['stderr']))
  await supervisor.start()
  await logged(supervisor, 'flood done')

  const growth = heapUsed() - before
  t.ok(growth < 24 * MiB, `${Math.round(lines * lineBytes / MiB)} MiB of stderr left ${(growth / MiB).toFixed(1)} MiB on the heap`)
  const kept = supervisor.log.tail(100_000)
  t.equal(kept.length, supervisor.log.capacity, 'the log keeps its last lines only')
  t.ok(kept.every((line) => line.text.length <= 4097), 'each cut to the longest line kept')
  t.equal((await supervisor.live().callTool('ping', {})).content[0].text, 'pong', 'the server still answers')
  t.equal(supervisor.status().state, 'running', 'a chatty server is not a broken one')
})

t.test('a server writing endless bytes where JSON-RPC belongs is disconnected before our buffer grows past its limit', async (t) => {
  const before = heapUsed()
  const { supervisor, watcher } = supervise(t, stdioSpec('flood-server', {}, ['stdout']))
  const crashed = watcher.next((status) => status.state === 'crashed')
  const { pid } = await supervisor.start()
  const status = await crashed
  t.match(status.last_error, /^the server wrote more than 10 MiB to stdout without a line break/)
  t.ok(heapUsed() - before < 24 * MiB, 'nothing of it is kept')
  t.notOk(isAlive(pid!), 'the process is gone')
})

t.test('a server that never answers the handshake fails its start within the start timeout, and is killed', async (t) => {
  const startTimeoutMs = 1500
  const { supervisor } = supervise(t, stdioSpec('silent-server'), { startTimeoutMs })
  const began = performance.now()
  await t.rejects(supervisor.start(), { statusCode: 502, code: 'MCP_START_FAILED', message: /timed out.*last stderr: fixture-silent listening, saying nothing/i })
  const took = performance.now() - began
  // The SDK's own close then waits for the child (stdin closed, then SIGTERM): a few seconds more at most.
  t.ok(took >= startTimeoutMs && took < startTimeoutMs + 10_000, `failed after ${Math.round(took)} ms`)
  t.equal(supervisor.status().state, 'crashed')
  const [pid] = spawnedPids(supervisor)
  t.ok(pid > 0)
  t.notOk(isAlive(pid), 'no child outlives a failed start')
})

t.test('a server sending malformed JSON-RPC is disconnected with a status that says so; a stray banner is tolerated', async (t) => {
  const { supervisor, watcher } = supervise(t, stdioSpec('malformed-server'))
  const { pid, state } = await supervisor.start()
  t.equal(state, 'running', 'one line of banner on stdout does not stop the start')
  t.ok(supervisor.log.tail(100).some((line) => /^malformed message from the server: .*"fixture-ma.*is not valid JSON/.test(line.text)), 'but it is noted in the log')
  t.equal((await supervisor.live().callTool('ping', {})).content[0].text, 'pong')

  const crashed = watcher.next((status) => status.state === 'crashed')
  await supervisor.live().callTool('garble', { lines: 2 * MAX_MALFORMED_MESSAGES }).catch(() => {})
  const status = await crashed
  t.match(status.last_error, new RegExp(`^the server sent ${MAX_MALFORMED_MESSAGES} malformed JSON-RPC messages \\(last: `))
  t.notOk(isAlive(pid!), 'the process is gone')
})
