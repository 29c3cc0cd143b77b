import { connect, type Socket } from 'node:net'
import t from 'tap'
import { build, listen } from '../helper.js'

/** A raw TCP connection to the app, resolved once open; `closed` resolves when the server ends it. */
async function openConnection (url: string): Promise<{ socket: Socket, closed: Promise<void>, received: () => string }> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  let received = ''
  socket.on('data', (chunk) => { received += chunk.toString() })
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise((resolve) => socket.once('connect', resolve))
  return { socket, closed, received: () => received }
}

t.test('close() ends unused connections at once and answers requests in flight before ending theirs', async (t) => {
  const { app } = await build(t)
  let release = () => {}
  const held = new Promise<void>((resolve) => { release = resolve })
  let arrived = () => {}
  const inFlight = new Promise<void>((resolve) => { arrived = resolve })
  app.get('/held', async () => {
    arrived()
    await held
    return { answered: true }
  })
  const url = await listen(app)

  const spare = await openConnection(url)
  const busy = await openConnection(url)
  busy.socket.write('GET /held HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n')
  await inFlight

  const closed = app.close()
  await spare.closed
  t.equal(spare.received(), '', 'the unused connection is closed without a word')
  t.notOk(busy.socket.closed, 'the busy one stays open while its request is in flight')

  release()
  await busy.closed
  t.match(busy.received(), /^HTTP\/1\.1 200 OK[\s\S]*\{"answered":true\}/, 'and gets its answer before it is closed')
  await closed
})
