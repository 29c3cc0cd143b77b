import t from 'tap'
import { build } from '../helper.js'

t.test('rate limit answers 429 with Retry-After, keyed by token', async (t) => {
  const { app, auth } = await build(t, { PODPLAY_RATE_LIMIT_MAX: '3' })
  for (let i = 0; i < 3; i++) {
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })).statusCode, 200)
  }
  const limited = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().code, 'RATE_LIMITED')
  t.ok(Number(limited.headers['retry-after']) > 0)

  const other = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth('pps_someone-else') })
  t.equal(other.statusCode, 401, 'another token has its own budget')
  for (const probe of ['/health', '/health/live', '/health/ready']) {
    const health = await app.inject({ method: 'GET', url: probe, headers: auth() })
    t.equal(health.statusCode, 200, `${probe}: probes are never limited`)
    t.notOk(health.headers['x-ratelimit-remaining'], `${probe}: nor counted`)
  }
})

t.test('CORS allows only the configured origins', async (t) => {
  const { app } = await build(t, { PODPLAY_CORS_ORIGINS: 'http://app.example:8080' })
  const allowed = await app.inject({ method: 'OPTIONS', url: '/api/auth/me', headers: { origin: 'http://app.example:8080', 'access-control-request-method': 'GET' } })
  t.equal(allowed.statusCode, 204)
  t.equal(allowed.headers['access-control-allow-origin'], 'http://app.example:8080')
  const refused = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'http://evil.example' } })
  t.equal(refused.headers['access-control-allow-origin'], undefined)
})

t.test('under pressure answers 503 instead of queueing work', async (t) => {
  const { app } = await build(t, { PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '10' })
  await app.ready()
  // Keep the loop busy in 40 ms slices across under-pressure's one-second sample window.
  const busy = setInterval(() => { const until = Date.now() + 40; while (Date.now() < until); }, 0)
  await new Promise((resolve) => setTimeout(resolve, 1300))
  clearInterval(busy)
  const response = await app.inject({ method: 'GET', url: '/api/auth/me' })
  t.equal(response.statusCode, 503)
  t.equal(response.json().code, 'FST_UNDER_PRESSURE')
  t.ok(response.headers['retry-after'])
})
