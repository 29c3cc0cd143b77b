import t from 'tap'
import { isAlive, stdioSpec, supervise } from './helpers.js'

t.test('a crash is detected with its exit code, and restarted with backoff when asked', async (t) => {
  const { supervisor, watcher } = supervise(t, stdioSpec('crashing-server'), { autoRestart: async () => true })
  const first = await supervisor.start()

  const crashed = watcher.next((status) => status.state === 'crashed')
  const restarted = watcher.next((status) => status.state === 'running')
  await t.rejects(supervisor.live().callTool('crash', { code: 3 }), { statusCode: 502, code: 'MCP_SERVER_GONE' })
  const crash = await crashed
  t.equal(crash.exit_code, 3)
  t.match(crash.last_error, /process exited with code 3 \(last stderr: crashing with exit code 3\)/)
  t.ok(crash.next_restart_at, 'the restart is announced')
  t.notOk(isAlive(first.pid!), 'the crashed child was reaped')

  const again = await restarted
  t.not(again.pid, first.pid)
  t.equal(again.restarts, 1)
  t.equal(again.exit_code, null)
  t.equal((await supervisor.live().callTool('ping', {})).content[0].text, 'pong')
  t.ok(supervisor.log.tail(100).some((line) => line.text === 'restarting in 50 ms'))

  // The second crash in a row waits twice as long.
  const secondCrash = watcher.next((status) => status.state === 'crashed')
  await t.rejects(supervisor.live().callTool('crash', { code: 4 }))
  t.equal((await secondCrash).exit_code, 4)
  t.ok(supervisor.log.tail(100).some((line) => line.text === 'restarting in 100 ms'))
  const stopped = await supervisor.stop()
  t.equal(stopped.state, 'stopped', 'a stop cancels the pending restart')
  t.equal(stopped.next_restart_at, null)
})

t.test('without auto-restart a crashed server stays crashed until started again', async (t) => {
  const { supervisor, watcher } = supervise(t, stdioSpec('crashing-server'))
  await supervisor.start()
  const crashed = watcher.next((status) => status.state === 'crashed')
  await t.rejects(supervisor.live().callTool('crash', { code: 7 }))
  t.equal((await crashed).next_restart_at, null)
  t.equal(supervisor.wanted, false, 'it no longer holds a slot')
  const started = await supervisor.start()
  t.equal(started.state, 'running')
  t.equal(started.restarts, 0)
})
