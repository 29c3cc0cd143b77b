import t from 'tap'
import type WebSocket from 'ws'
import { ADMIN_TOKEN, listen } from '../helper.js'
import { connectedClient, echoed, echoLine, eventually, opened, socketOutput, terminalSetup, terminalWs, wsOutput } from './fixtures.js'

const CTRL_C = '\x03'

t.test('a raw WebSocket that stops reading pauses the terminal instead of buffering without bound', async (t) => {
  const { app, openId } = await terminalSetup(t)
  const id = await openId()
  const principal = await app.authenticateToken(ADMIN_TOKEN)
  const paused = () => app.terminals.get(principal, id).paused
  const url = await listen(app)
  const ws = terminalWs(t, url, id, { token: ADMIN_TOKEN })
  const received = wsOutput(ws)
  await opened(ws)

  // The client stops reading while the shell writes as fast as it can.
  ws.pause()
  ws.send('yes podplay-flow-control\r')
  await eventually(paused, 'the slow client paused the terminal')

  // Input still reaches the shell while its output is held back.
  ws.send(CTRL_C)
  ws.resume()
  await eventually(() => !paused(), 'the drained client released the terminal')
  ws.send(echoLine('caught-up'))
  await received.until(echoed('caught-up'))
})

t.test('a Socket.IO client that falls behind pauses the terminal until its transport drains', async (t) => {
  const { app, openId } = await terminalSetup(t)
  const id = await openId()
  const principal = await app.authenticateToken(ADMIN_TOKEN)
  const paused = () => app.terminals.get(principal, id).paused
  const url = await listen(app)
  const socket = await connectedClient(t, url, ADMIN_TOKEN)
  const output = socketOutput(socket, id)
  await socket.emitWithAck('join_terminal', { session_id: id })
  // The client's own WebSocket under Socket.IO: pausing it is a client that has stopped reading.
  const transport = (socket.io.engine.transport as unknown as { ws: WebSocket }).ws

  transport.pause()
  socket.emit('terminal_input', { session_id: id, data: 'yes podplay-flow-control\r' })
  await eventually(paused, 'the slow socket paused the terminal')
  socket.emit('terminal_input', { session_id: id, data: CTRL_C })
  transport.resume()
  await eventually(() => !paused(), 'the drained socket released the terminal')
  await socket.emitWithAck('terminal_input', { session_id: id, data: echoLine('caught-up') })
  await output.until(echoed('caught-up'))

  // A client that goes away while behind lets go of the terminal too.
  transport.pause()
  socket.emit('terminal_input', { session_id: id, data: 'yes podplay-flow-control\r' })
  await eventually(paused, 'the slow socket paused the terminal again')
  socket.disconnect()
  await eventually(() => !paused(), 'the departed socket released the terminal')
  t.equal(app.terminals.get(principal, id).clients, 0)
  app.terminals.write(principal, id, CTRL_C)
})
