import t from 'tap'
import { listen, once } from '../helper.js'
import { closed, connectedClient, echoed, echoLine, opened, socketOutput, terminalSetup, terminalWs, wsOutput } from './fixtures.js'

t.test('two Socket.IO clients and a raw WebSocket share one terminal and see the same output', async (t) => {
  const { app, adminToken, openId } = await terminalSetup(t)
  const id = await openId()
  const url = await listen(app)

  const [first, second] = await Promise.all([connectedClient(t, url, adminToken), connectedClient(t, url, adminToken)])
  const firstOutput = socketOutput(first, id)
  const secondOutput = socketOutput(second, id)
  const [joined] = await Promise.all([once<any>(first, 'terminal_joined'), first.emitWithAck('join_terminal', { session_id: id })])
  t.equal(joined.session_id, id)
  t.equal(joined.read_only, false)
  t.equal(joined.terminal.shell, '/bin/sh')
  t.same(await second.emitWithAck('join_terminal', { session_id: id }), { ok: true })

  const ws = terminalWs(t, url, id, { token: adminToken })
  await opened(ws)
  const wsReceived = wsOutput(ws)
  t.equal(app.terminals.get(await app.authenticateToken(adminToken), id).clients, 3)

  // Typed by one Socket.IO client, seen by all three.
  t.same(await first.emitWithAck('terminal_input', { session_id: id, data: echoLine('shared') }), { ok: true })
  await Promise.all([firstOutput.until(echoed('shared')), secondOutput.until(echoed('shared')), wsReceived.until(echoed('shared'))])

  // Typed on the raw WebSocket (a text frame), seen by the Socket.IO clients.
  ws.send(echoLine('from-ws'))
  await Promise.all([firstOutput.until(echoed('from-ws')), secondOutput.until(echoed('from-ws')), wsReceived.until(echoed('from-ws'))])

  // A text frame that only looks like JSON is input, not a control message.
  ws.send('{ echo brace-$((1+2)); }\r')
  await wsReceived.until('brace-3')

  // Binary frames are input too.
  ws.send(Buffer.from(echoLine('binary')))
  await firstOutput.until(echoed('binary'))

  // The original client's `command` field is typed as a line.
  await second.emitWithAck('terminal_input', { session_id: id, command: 'echo command-$((2*3))' })
  await Promise.all([firstOutput.until('command-6'), wsReceived.until('command-6')])

  t.equal(firstOutput.text().includes(echoed('from-ws')), secondOutput.text().includes(echoed('from-ws')))

  // Both resize paths reach the pty.
  t.same(await first.emitWithAck('terminal_resize', { session_id: id, cols: 100, rows: 30 }), { ok: true })
  await first.emitWithAck('terminal_input', { session_id: id, data: 'stty size\r' })
  await firstOutput.until('30 100')
  ws.send(JSON.stringify({ type: 'resize', cols: 120, rows: 40 }))
  ws.send('stty size\r')
  await wsReceived.until('40 120')
  t.match((await app.inject({ method: 'GET', url: `/api/terminals/${id}`, headers: { authorization: `Bearer ${adminToken}` } })).json(), { cols: 120, rows: 40 })

  // A malformed resize is refused with a notice, not typed into the shell.
  ws.send(JSON.stringify({ type: 'resize', cols: 'wide' }))
  await wsReceived.until('INVALID_CONTROL')

  // Leaving stops the output for that client only.
  const [left] = await Promise.all([once<any>(second, 'terminal_left'), second.emitWithAck('leave_terminal', { session_id: id })])
  t.same(left, { session_id: id })
  await first.emitWithAck('terminal_input', { session_id: id, data: echoLine('after-leave') })
  await Promise.all([firstOutput.until(echoed('after-leave')), wsReceived.until(echoed('after-leave'))])
  t.notOk(secondOutput.text().includes(echoed('after-leave')), 'a client that left gets no more output')

  // The shell exits: every attached client is told, the raw WebSocket closes normally.
  const [exit, wsClosed] = await Promise.all([
    once<any>(first, 'terminal_exit'),
    closed(ws),
    first.emitWithAck('terminal_input', { session_id: id, data: 'exit 3\r' })
  ])
  t.match(exit, { session_id: id, exit_code: 3, reason: 'exited' })
  t.equal(wsClosed.code, 1000)
  t.match(wsClosed.reason, /exited/)
  t.equal(app.terminals.count, 0)
  const gone = await first.emitWithAck('terminal_input', { session_id: id, data: 'ls\r' })
  t.equal(gone.error.code, 'TERMINAL_NOT_FOUND')
})
