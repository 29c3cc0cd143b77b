import { existsSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { listen, once, socketClient, tokenFor } from '../helper.js'
import { connectedClient, echoed, echoLine, opened, refusal, socketOutput, terminalSetup, terminalWs, wsOutput } from './fixtures.js'

t.test('a client with only the read scope watches read-only', async (t) => {
  const { app, adminToken, openId, userId, workspaceId } = await terminalSetup(t)
  const id = await openId()
  const url = await listen(app)
  // The same user, with a token that may only read.
  const { token: reader } = await app.tokens.create({ user: 'admin', scopes: ['read'] })

  const [writer, watcher] = await Promise.all([connectedClient(t, url, adminToken), connectedClient(t, url, reader)])
  const watched = socketOutput(watcher, id)
  const [joined] = await Promise.all([once<any>(watcher, 'terminal_joined'), watcher.emitWithAck('join_terminal', { session_id: id })])
  t.equal(joined.read_only, true)

  const [error, ack] = await Promise.all([once<any>(watcher, 'error'), watcher.emitWithAck('terminal_input', { session_id: id, data: 'touch pwned\r' })])
  t.equal(ack.error.code, 'TERMINAL_READ_ONLY')
  t.match(error, { code: 'TERMINAL_READ_ONLY', event: 'terminal_input' })
  t.equal((await watcher.emitWithAck('terminal_resize', { session_id: id, cols: 10, rows: 5 })).error.code, 'TERMINAL_READ_ONLY')

  const ws = terminalWs(t, url, id, { token: reader })
  const wsReceived = wsOutput(ws)
  await opened(ws)
  ws.send('touch pwned\r')
  await wsReceived.until('TERMINAL_READ_ONLY')

  // The watcher still sees what the writer does.
  await writer.emitWithAck('terminal_input', { session_id: id, data: echoLine('watched') })
  await Promise.all([watched.until(echoed('watched')), wsReceived.until(echoed('watched'))])
  const directory = await app.workspaces.directory(userId, workspaceId)
  t.notOk(existsSync(join(directory, 'pwned')), 'the refused input never reached the shell')
  t.equal(app.terminals.get(await app.authenticateToken(adminToken), id).cols, 80, 'the read-only resize changed nothing')

  // Another user cannot even see the terminal.
  const stranger = await connectedClient(t, url, await tokenFor(app, 'mallory', ['read', 'write']))
  t.equal((await stranger.emitWithAck('join_terminal', { session_id: id })).error.code, 'TERMINAL_NOT_FOUND')
  t.equal((await stranger.emitWithAck('terminal_input', { session_id: id, data: 'id\r' })).error.code, 'TERMINAL_NOT_FOUND')
  t.equal((await stranger.emitWithAck('terminal_input', { session_id: id })).error.code, 'TERMINAL_INPUT_REQUIRED')
  t.equal(await refusal(terminalWs(t, url, id, { token: await tokenFor(app, 'eve', ['read']) })), 404)
})

t.test('upgrades need an allowed Host and Origin, and a token', async (t) => {
  const { app, adminToken, openId } = await terminalSetup(t)
  const id = await openId()
  const url = await listen(app)

  t.equal(await refusal(terminalWs(t, url, id, { token: adminToken, origin: 'http://evil.example' })), 403, 'a foreign Origin is refused, even on loopback')
  t.equal(await refusal(terminalWs(t, url, id, { token: adminToken, host: 'evil.example' })), 403, 'a foreign Host is refused, token or not')
  t.equal(await refusal(terminalWs(t, url, id)), 401, 'no token, no terminal')
  t.equal(await refusal(terminalWs(t, url, id, { token: 'pps_not-a-token' })), 401)
  t.equal(await refusal(terminalWs(t, url, 'no-such-terminal', { token: adminToken })), 404)

  const foreignSocket = socketClient(t, url, adminToken, { extraHeaders: { origin: 'http://evil.example' } })
  t.ok(await once(foreignSocket, 'connect_error'), 'a Socket.IO upgrade from a foreign Origin is refused')

  // The service's own page, with the token as a subprotocol (browsers cannot set headers on WebSockets).
  const ws = terminalWs(t, url, id, { origin: url, protocols: [`podplay.token.${adminToken}`] })
  const received = wsOutput(ws)
  await opened(ws)
  ws.send(echoLine('subprotocol'))
  await received.until(echoed('subprotocol'))
})
