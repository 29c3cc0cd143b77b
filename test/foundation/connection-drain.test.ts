import { connect, type Socket } from 'node:net'
import t from 'tap'
import { IDLE_GRACE_MS } from '../../plugins/connection-drain.js'
import { build, listen } from '../helper.js'

/** A raw TCP connection to the app, resolved once open; `closed` resolves when the server ends it. */
async function openConnection (url: string): Promise<{ socket: Socket, closed: Promise<number>, received: () => string }> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  let received = ''
  socket.on('data', (chunk) => { received += chunk.toString() })
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())))
  await new Promise((resolve) => socket.once('connect', resolve))
  return { socket, closed, received: () => received }
}

const keepAliveRequest = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`

t.test('close() answers requests in flight and those still arriving with Connection: close, and refuses new connections', async (t) => {
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
  busy.socket.write(keepAliveRequest('/held'))
  await inFlight

  const closing = app.close()
  while (app.server.listening) await new Promise((resolve) => setImmediate(resolve))
  // The listener closes first: a new connection is refused, never accepted and dropped.
  const refused = connect(Number(new URL(url).port), '127.0.0.1')
  const refusal = await new Promise<NodeJS.ErrnoException>((resolve) => refused.once('error', resolve))
  t.equal(refusal.code, 'ECONNREFUSED')

  // A request on a connection opened before the shutdown, as a client in a loop would send it.
  spare.socket.write(keepAliveRequest('/health'))
  await spare.closed
  t.match(spare.received(), /^HTTP\/1\.1 200 OK\r\n[\s\S]*connection: close\r\n[\s\S]*"status":"healthy"/i, 'served, told the connection closes, then closed')
  t.notOk(busy.socket.closed, 'the busy one stays open while its request is in flight')

  release()
  await busy.closed
  t.match(busy.received(), /^HTTP\/1\.1 200 OK\r\n[\s\S]*connection: close\r\n[\s\S]*\{"answered":true\}$/i, 'and gets its whole answer, saying close, before it is closed')
  await closing
})

t.test('a keep-alive connection idle at close() is closed once it stays idle for the grace', async (t) => {
  const { app } = await build(t)
  const url = await listen(app)
  const idle = await openConnection(url)
  idle.socket.write(keepAliveRequest('/health/live'))
  await new Promise((resolve) => idle.socket.once('data', resolve))

  const began = performance.now()
  const closing = app.close()
  const closedAt = await idle.closed
  await closing
  t.ok(closedAt - began >= IDLE_GRACE_MS - 50, `kept for the grace (${Math.round(closedAt - began)} ms) in case a request was on its way`)
  t.match(idle.received(), /connection: keep-alive/i, 'its only answer came before the shutdown')
})

t.test('close() ends what is still open after half the shutdown grace', async (t) => {
  const { app } = await build(t, { PODPLAY_SHUTDOWN_GRACE_MS: '400' })
  let arrived = () => {}
  const inFlight = new Promise<void>((resolve) => { arrived = resolve })
  app.get('/forever', async () => {
    arrived()
    await new Promise(() => {})
  })
  const url = await listen(app)
  const stuck = await openConnection(url)
  stuck.socket.write(keepAliveRequest('/forever'))
  await inFlight
  await app.close()
  await stuck.closed
  t.equal(stuck.received(), '', 'a request that never finishes does not hold the shutdown')
})
