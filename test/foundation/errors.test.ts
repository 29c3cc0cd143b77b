import t from 'tap'
import { build } from '../helper.js'

t.test('unknown routes give a structured 404', async (t) => {
  const { app } = await build(t)
  const response = await app.inject({ method: 'GET', url: '/no/such/route?x=1' })
  t.equal(response.statusCode, 404)
  t.match(response.json(), { statusCode: 404, error: 'Not Found', code: 'ROUTE_NOT_FOUND', message: 'Route GET /no/such/route not found' })
  t.equal(response.json().request_id, response.headers['x-request-id'])
})

t.test('bad bodies are 4xx, never 500', async (t) => {
  const { app, auth } = await build(t, { PODPLAY_BODY_LIMIT: '2048' })
  const url = '/api/auth/tokens'
  const malformed = await app.inject({ method: 'POST', url, headers: { ...auth(), 'content-type': 'application/json' }, payload: '{"user":' })
  t.equal(malformed.statusCode, 400)
  t.equal(malformed.json().code, 'FST_ERR_CTP_INVALID_JSON_BODY')

  const wrongType = await app.inject({ method: 'POST', url, headers: { ...auth(), 'content-type': 'application/xml' }, payload: '<user/>' })
  t.equal(wrongType.statusCode, 415)
  t.equal(wrongType.json().code, 'FST_ERR_CTP_INVALID_MEDIA_TYPE')

  const oversized = await app.inject({ method: 'POST', url, headers: auth(), payload: { user: 'x'.repeat(4096) } })
  t.equal(oversized.statusCode, 413)
  t.equal(oversized.json().code, 'FST_ERR_CTP_BODY_TOO_LARGE')

  const empty = await app.inject({ method: 'POST', url, headers: { ...auth(), 'content-type': 'application/json' }, payload: '' })
  t.equal(empty.statusCode, 400)

  const missing = await app.inject({ method: 'POST', url, headers: auth(), payload: {} })
  t.equal(missing.statusCode, 400)
  t.equal(missing.json().message, "body must have required property 'user'")
})

t.test('a 5xx hides internals and returns the logged error id', async (t) => {
  const logged: Array<Record<string, unknown>> = []
  const { app } = await build(t, {}, {
    logger: { level: 'error', stream: { write: (line: string) => { logged.push(JSON.parse(line)) } } }
  })
  app.get('/explode', async () => { throw new Error('secret database password in a stack trace') })
  app.get('/unavailable', async () => { throw Object.assign(new Error('maintenance'), { statusCode: 503 }) })

  const response = await app.inject({ method: 'GET', url: '/explode' })
  t.equal(response.statusCode, 500)
  const body = response.json()
  t.equal(body.code, 'INTERNAL_ERROR')
  t.notOk(response.payload.includes('secret'), 'the message is not leaked')
  t.match(body.error_id, /^[0-9a-f-]{36}$/)
  const entry = logged.find((line) => line.error_id === body.error_id)
  t.ok(entry, 'the same id is in the log line')
  t.match((entry?.err as { message: string }).message, /secret database password/)

  const unavailable = await app.inject({ method: 'GET', url: '/unavailable' })
  t.equal(unavailable.statusCode, 503)
  t.equal(unavailable.json().message, 'maintenance')
  t.ok(unavailable.json().error_id)
})

t.test('an error without a usable status becomes a 500', async (t) => {
  const { app } = await build(t)
  app.get('/weird', async () => { throw Object.assign(new Error('odd'), { statusCode: 302 }) })
  const response = await app.inject({ method: 'GET', url: '/weird' })
  t.equal(response.statusCode, 500)
})
