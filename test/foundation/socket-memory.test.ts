import type { IncomingMessage } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import { build, listen, once, socketClient } from '../helper.js'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

t.test('a connected socket does not keep the HTTP requests of its handshake', async (t) => {
  const { app, adminToken } = await build(t)
  const url = await listen(app)
  const requests: Array<WeakRef<IncomingMessage>> = []
  const track = (request: IncomingMessage) => { if (request.url?.startsWith('/socket.io/')) requests.push(new WeakRef(request)) }
  app.server.on('request', track)
  app.server.on('upgrade', track)

  const direct = socketClient(t, url, adminToken)
  const upgrading = socketClient(t, url, adminToken, { transports: ['polling', 'websocket'] })
  const upgraded = new Promise((resolve) => upgrading.io.engine.once('upgrade', resolve))
  await Promise.all([once(direct, 'connected'), once(upgrading, 'connected'), upgraded])
  t.ok(requests.length >= 3, 'the WebSocket upgrades and the long-polling handshake were seen')

  // Collected only once nothing holds them; a few rounds let pending callbacks finish first.
  for (let round = 0; round < 20 && requests.some((request) => request.deref()); round++) {
    await delay(50)
    collectGarbage()
  }
  t.same(requests.map((request) => request.deref()?.url).filter((kept) => kept !== undefined), [], 'every handshake request was collected')
  for (const socket of [direct, upgrading]) {
    socket.emit('test_event', { still: 'here' })
    t.same(await once(socket, 'test_response'), { status: 'success', message: 'Test event received', data: { still: 'here' } }, 'the socket still works')
  }
})
