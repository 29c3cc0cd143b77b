import t from 'tap'
import { build } from '../helper.js'

t.test('GET /health is healthy (the original\'s promised test)', async (t) => {
  const { app } = await build(t)
  const response = await app.inject({ method: 'GET', url: '/health' })
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.equal(body.status, 'healthy')
  t.equal(body.service, 'podplay-sanctuary')
  t.match(body.version, /^\d+\.\d+\.\d+/)
  t.ok(Date.parse(body.timestamp))
  t.ok(response.headers['x-request-id'], 'every response carries its request id')
})

t.test('liveness and readiness', async (t) => {
  const { app } = await build(t)
  const live = await app.inject({ method: 'GET', url: '/health/live' })
  t.equal(live.statusCode, 200)
  t.equal(live.json().status, 'alive')

  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 200)
  t.equal(ready.json().status, 'ready')
  t.equal(ready.json().services.database.status, 'up')
})

t.test('readiness is 503 and names the failing service', async (t) => {
  const { app } = await build(t)
  app.health.registerCheck('broken', async () => { throw new Error('disk on fire') })
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.same(ready.json().failing, ['broken'])
  t.equal(ready.json().services.broken.detail, 'disk on fire')
  t.equal(ready.json().services.database.status, 'up')
  t.throws(() => app.health.registerCheck('broken', async () => {}), /already registered/)
})

t.test('callers asking while the checks run share that round of checks', async (t) => {
  const { app } = await build(t)
  let rounds = 0
  app.health.registerCheck('counted', async () => {
    rounds++
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
  const answers = await Promise.all([
    ...Array.from({ length: 50 }, () => app.health.readiness()),
    app.systemStatus(),
    app.inject({ method: 'GET', url: '/health/ready' }).then((response) => response.json())
  ])
  t.equal(rounds, 1, '52 callers, one round')
  t.equal(new Set(answers.map((answer) => answer.timestamp)).size, 1, 'all with its result')
  await app.health.readiness()
  t.equal(rounds, 2, 'a caller after the round gets a new one')
})

t.test('a service the instance can do without only degrades readiness', async (t) => {
  const { app } = await build(t)
  app.health.registerCheck('relay', async () => { throw new Error('relay lost') }, { essential: false })
  const degraded = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(degraded.statusCode, 200, 'it stays in the load balancer')
  t.match(degraded.json(), { status: 'degraded', failing: [], degraded: ['relay'], services: { relay: { status: 'down', detail: 'relay lost' } } })
  app.health.registerCheck('broken', async () => { throw new Error('disk on fire') })
  const failing = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(failing.statusCode, 503)
  t.match(failing.json(), { status: 'not_ready', failing: ['broken'], degraded: ['relay'] })
})

t.test('readiness fails when the database is gone', async (t) => {
  const { app } = await build(t)
  await app.ready()
  await app.db.destroy()
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.ok(ready.json().failing.includes('database'), 'the database is named among the failing services')
})
