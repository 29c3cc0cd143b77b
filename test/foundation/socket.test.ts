import t from 'tap'
import WebSocket from 'ws'
import { build, listen, once, socketClient, tokenFor } from '../helper.js'

t.test('a Socket.IO client connects over WebSocket (the original\'s promised test)', async (t) => {
  const { app, adminToken } = await build(t)
  const url = await listen(app)
  const socket = socketClient(t, url, adminToken)
  const connected = await once<Record<string, any>>(socket, 'connected')
  t.ok(socket.connected)
  t.equal(socket.io.engine.transport.name, 'websocket', 'no fallback to polling')
  t.equal(connected.status, 'success')
  t.equal(connected.user.name, 'admin')
  t.equal(connected.services.database, 'up')
  t.equal(connected.client_id, socket.id)

  socket.emit('test_event', { hello: 'world' })
  t.same(await once(socket, 'test_response'), { status: 'success', message: 'Test event received', data: { hello: 'world' } })

  socket.emit('system_status_request')
  const status = await once<Record<string, any>>(socket, 'system_status')
  t.ok(status.system.cpu_usage >= 0)
  t.ok(status.system.memory_usage > 0)
  t.ok(status.system.memory_rss_bytes > 1_000_000)
  t.equal(status.system.connected_clients, 1)
  t.equal(status.services.database, 'up')
})

t.test('the handshake needs a valid token and an allowed origin', async (t) => {
  const { app, adminToken } = await build(t)
  const url = await listen(app)

  const anonymous = socketClient(t, url, undefined)
  const noToken = await once<Error & { data?: { code: string } }>(anonymous, 'connect_error')
  t.match(noToken.message, /bearer token is required/)
  t.equal(noToken.data?.code, 'AUTH_REQUIRED')

  const wrong = socketClient(t, url, 'pps_wrong')
  t.match((await once<Error>(wrong, 'connect_error')).message, /unknown or revoked/)

  const foreign = socketClient(t, url, adminToken, { transports: ['polling'], extraHeaders: { origin: 'http://evil.example' } })
  t.match((await once<Error>(foreign, 'connect_error')).message, /xhr poll error|not allowed/)
  const foreignWs = socketClient(t, url, adminToken, { extraHeaders: { origin: 'http://evil.example' } })
  t.ok(await once<Error>(foreignWs, 'connect_error'), 'a foreign origin is refused over websocket too')

  const sameOrigin = socketClient(t, url, adminToken, { extraHeaders: { origin: url } })
  await once(sameOrigin, 'connected')
  t.ok(sameOrigin.connected, 'the service\'s own origin needs no configuration')
})

t.test('invalid payloads get an error event and ack, and the socket stays connected', async (t) => {
  const { app } = await build(t)
  const url = await listen(app)
  const token = await tokenFor(app, 'dana', ['read'])
  const socket = socketClient(t, url, token)
  await once(socket, 'connected')

  const errorEvent = once<Record<string, string>>(socket, 'error')
  const refused = await socket.emitWithAck('workspace_subscribe', { workspace_id: 42 })
  t.match(refused, { error: { code: 'INVALID_PAYLOAD', event: 'workspace_subscribe', message: /workspace_id/ } })
  t.match(await errorEvent, { code: 'INVALID_PAYLOAD', event: 'workspace_subscribe' })
  t.ok(socket.connected, 'the socket stays connected')

  const ack = await socket.emitWithAck('system_status_subscribe', null)
  t.same(ack, { ok: true })
  await once(socket, 'system_status')
  t.same(await socket.emitWithAck('system_status_unsubscribe'), { ok: true })
  t.ok(socket.connected)
})

t.test('Socket.IO and a raw WebSocket route share one server', async (t) => {
  const { app, adminToken } = await build(t)
  app.get('/test-echo', { websocket: true }, (connection) => {
    connection.on('message', (message: Buffer) => connection.send(`echo:${message.toString()}`))
  })
  const url = await listen(app)

  const socket = socketClient(t, url, adminToken)
  const raw = new WebSocket(`${url.replace('http', 'ws')}/test-echo`)
  t.teardown(() => raw.close())
  await Promise.all([once(socket, 'connected'), new Promise((resolve) => raw.once('open', resolve))])

  raw.send('ping')
  const [echo, response] = await Promise.all([
    new Promise((resolve) => raw.once('message', (data) => resolve(data.toString()))),
    (async () => { socket.emit('test_event', 'both'); return await once(socket, 'test_response') })()
  ])
  t.equal(echo, 'echo:ping')
  t.match(response, { data: 'both' })
  t.equal(socket.io.engine.transport.name, 'websocket')

  const foreign = new WebSocket(`${url.replace('http', 'ws')}/test-echo`, { origin: 'http://evil.example' })
  const refusal = await new Promise<number>((resolve) => foreign.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)))
  t.equal(refusal, 403, 'a raw upgrade from a foreign origin is refused')

  const unknown = new WebSocket(`${url.replace('http', 'ws')}/no-such-socket`)
  const missing = await new Promise<number>((resolve) => unknown.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)))
  t.equal(missing, 404)
})
