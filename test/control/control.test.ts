import { Writable } from 'node:stream'
import t from 'tap'
import { build, tokenFor } from '../helper.js'
import { loggerOptions } from '../../app.js'

t.test('status reports real figures and every service', async (t) => {
  const { app, auth } = await build(t)
  const response = await app.inject({ method: 'GET', url: '/api/control/status', headers: auth() })
  t.equal(response.statusCode, 200)
  const status = response.json()
  t.equal(status.status, 'healthy')
  for (const service of ['database', 'marketplace', 'mcp-runtime', 'ai-provider', 'terminals', 'workspaces', 'socket']) {
    t.equal(status.services[service]?.status, 'up', `${service} reports its health`)
  }
  t.equal(status.process.pid, process.pid)
  t.ok(status.process.rss_bytes > 1_000_000)
  t.ok(status.process.heap_used_bytes > 0)
  t.ok(status.process.open_handles > 0)
  t.ok(status.process.event_loop_delay_ms.p99 >= status.process.event_loop_delay_ms.p50)
  t.equal(status.counts.connected_clients, 0)
  t.equal(status.database.kind, 'sqlite')
  t.ok(status.database.size_bytes > 0)
  t.match(status.database.migration, /^\d{3}_/)
})

t.test('one failing service shows as degraded, not as an error', async (t) => {
  const { app, auth } = await build(t)
  app.health.registerCheck('flaky', async () => { throw new Error('upstream unreachable') })
  const response = await app.inject({ method: 'GET', url: '/api/control/status', headers: auth() })
  t.equal(response.statusCode, 200)
  t.equal(response.json().status, 'degraded')
  t.match(response.json().services.flaky, { status: 'down', detail: 'upstream unreachable' })
})

t.test('the effective configuration hides every secret', async (t) => {
  const { app, auth, adminToken } = await build(t, {
    PODPLAY_SECRET_KEY: 'a'.repeat(64),
    OPENAI_API_KEY: 'sk-very-secret',
    OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
    DATABASE_URL: 'sqlite://:memory:'
  })
  const response = await app.inject({ method: 'GET', url: '/api/control/config', headers: auth() })
  t.equal(response.statusCode, 200)
  const config = response.json()
  t.equal(config.adminToken, '[redacted]')
  t.equal(config.secretKey, '[redacted]')
  t.equal(config.ai.openai.apiKey, '[redacted]')
  t.equal(config.ai.openai.baseUrl, 'http://127.0.0.1:11434/v1', 'a URL without credentials stays readable')
  t.equal(config.ai.anthropic.apiKey, null, 'unset stays visibly unset')
  t.notOk(response.payload.includes(adminToken))
  t.notOk(response.payload.includes('sk-very-secret'))

  const reader = await tokenFor(app, 'eve', ['read', 'write'])
  t.equal((await app.inject({ method: 'GET', url: '/api/control/config', headers: auth(reader) })).statusCode, 403)
})

t.test('URL credentials are redacted', async (t) => {
  const { redactConfig } = await import('../../services/control/redact.js')
  t.same(redactConfig({ database: { url: 'postgres://user:pw@db:5432/x' }, list: ['a'] }), { database: { url: 'postgres://[redacted]@db:5432/x' }, list: ['a'] })
})

t.test('the log level changes at run time', async (t) => {
  const lines: string[] = []
  const stream = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const { app, auth } = await build(t, {}, { logger: { ...loggerOptions('warn'), stream } })
  await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })
  t.notOk(lines.some((line) => line.includes('"route":"/api/auth/me"')), 'info lines are off at warn')

  const changed = await app.inject({ method: 'PUT', url: '/api/control/log-level', headers: auth(), payload: { level: 'info' } })
  t.equal(changed.statusCode, 200)
  t.same(changed.json(), { level: 'info', previous: 'warn' })
  await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })
  const line = lines.map((text) => JSON.parse(text)).find((entry) => entry.route === '/api/auth/me')
  t.ok(line, 'one structured line per request')
  t.match(line, { method: 'GET', status: 200, user: 'admin' })
  t.ok(line.request_id && line.duration_ms >= 0)

  const bad = await app.inject({ method: 'PUT', url: '/api/control/log-level', headers: auth(), payload: { level: 'chatty' } })
  t.equal(bad.statusCode, 400)
  t.match(bad.json().message, /body\/level must be one of/)
})

t.test('an unreachable AI provider shows as degraded', async (t) => {
  const { app, auth } = await build(t, {
    PODPLAY_AI_PROVIDER: 'openai',
    OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_MODEL: 'test-model',
    PODPLAY_AI_TIMEOUT_MS: '2000'
  })
  const status = (await app.inject({ method: 'GET', url: '/api/control/status', headers: auth() })).json()
  t.equal(status.status, 'degraded')
  t.equal(status.services['ai-provider'].status, 'down')
  t.match(status.services['ai-provider'].detail, /openai is not reachable/)
})
