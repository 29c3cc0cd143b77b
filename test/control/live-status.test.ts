import t from 'tap'
import { build, listen, once, socketClient } from '../helper.js'

t.test('subscribed sockets get system_status pushed until they unsubscribe', async (t) => {
  const { app, adminToken } = await build(t, { PODPLAY_STATUS_INTERVAL_MS: '250' })
  const url = await listen(app)
  const subscriber = socketClient(t, url, adminToken)
  const bystander = socketClient(t, url, adminToken)
  await Promise.all([once(subscriber, 'connected'), once(bystander, 'connected')])

  let bystanderPushes = 0
  bystander.on('system_status', () => { bystanderPushes++ })

  const pushes: Array<Record<string, any>> = []
  subscriber.on('system_status', (status) => pushes.push(status))
  t.same(await subscriber.emitWithAck('system_status_subscribe'), { ok: true })
  while (pushes.length < 3) await once(subscriber, 'system_status')
  t.equal(pushes[1].system.connected_clients, 2)
  t.ok(Date.parse(pushes[2].timestamp) > Date.parse(pushes[0].timestamp), 'fresh figures every tick')
  t.equal(bystanderPushes, 0, 'only subscribers are pushed to')

  await subscriber.emitWithAck('system_status_unsubscribe')
  const count = pushes.length
  await new Promise((resolve) => setTimeout(resolve, 800))
  t.equal(pushes.length, count, 'no pushes after unsubscribing')
})

t.test('one status computation per tick, however many subscribers', async (t) => {
  const { app, adminToken } = await build(t, { PODPLAY_STATUS_INTERVAL_MS: '250' })
  const url = await listen(app)
  let computations = 0
  const original = app.systemStatus
  app.systemStatus = async () => { computations++; return await original() }

  const sockets = [1, 2, 3].map(() => socketClient(t, url, adminToken))
  await Promise.all(sockets.map((socket) => once(socket, 'connected')))
  await Promise.all(sockets.map((socket) => socket.emitWithAck('system_status_subscribe')))
  computations = 0
  await Promise.all(sockets.map((socket) => once(socket, 'system_status')))
  await Promise.all(sockets.map((socket) => once(socket, 'system_status')))
  t.ok(computations <= 2, `two ticks for three subscribers took ${computations} computations`)
})
