import t from 'tap'
import { listen, once } from '../helper.js'
import { connectedClient, echoed, echoLine, opened, socketOutput, terminalSetup, terminalWs, wsOutput } from './fixtures.js'

t.test('a late joiner gets a bounded replay of recent output', async (t) => {
  const { app, adminToken, openId } = await terminalSetup(t)
  const id = await openId()
  const url = await listen(app)
  const early = await connectedClient(t, url, adminToken)
  const earlyOutput = socketOutput(early, id)
  await early.emitWithAck('join_terminal', { session_id: id })
  await early.emitWithAck('terminal_input', { session_id: id, data: echoLine('before-you-came') })
  await earlyOutput.until(echoed('before-you-came'))

  const late = await connectedClient(t, url, adminToken)
  const [joined] = await Promise.all([once<any>(late, 'terminal_joined'), late.emitWithAck('join_terminal', { session_id: id })])
  t.ok(joined.replay.includes(echoed('before-you-came')), 'the replay redraws what happened before')

  const ws = terminalWs(t, url, id, { token: adminToken })
  const wsReceived = wsOutput(ws)
  await opened(ws)
  await wsReceived.until(echoed('before-you-came'))

  // Far more output than the replay keeps: a late joiner gets only the most recent part.
  await early.emitWithAck('terminal_input', { session_id: id, data: 'head -c 300000 /dev/zero | tr "\\0" x; echo; echo bulk-$((1+1))\r' })
  await earlyOutput.until('bulk-2')
  const later = await connectedClient(t, url, adminToken)
  const [rejoined] = await Promise.all([once<any>(later, 'terminal_joined'), later.emitWithAck('join_terminal', { session_id: id })])
  t.ok(rejoined.replay.length <= 64 * 1024, `replay is bounded (${rejoined.replay.length} characters)`)
  t.ok(rejoined.replay.includes('bulk-2'), 'and holds the latest output')
  t.notOk(rejoined.replay.includes(echoed('before-you-came')), 'the oldest output has rolled off')
})
