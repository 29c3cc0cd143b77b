import t from 'tap'
import { buildApp } from './setup.js'
import { FakeProvider } from './fake-providers.js'
import { ConfigError, loadConfig } from '../../plugins/config.js'
import { buildApp as buildRealApp } from '../../app.js'

t.test('GET /api/ai/providers reports which providers are configured, reachable and their models', async (t) => {
  const openai = await FakeProvider.start(t, 'openai')
  const gone = await FakeProvider.start(t, 'gemini')
  await gone.close()
  const built = await buildApp(t, { ...openai.env(), GEMINI_API_KEY: 'key', GEMINI_BASE_URL: gone.url, PODPLAY_AI_TIMEOUT_MS: '2000' })
  const response = await built.app.inject({ method: 'GET', url: '/api/ai/providers', headers: built.auth() })
  t.equal(response.statusCode, 200)
  const report = response.json()
  t.equal(report.active, 'openai')
  const byName = Object.fromEntries(report.providers.map((provider: { name: string }) => [provider.name, provider]))
  t.match(byName.embedded, { active: false, configured: true, reachable: true, models: ['mama-bear-builtin'], supports_tools: true, detail: null })
  t.match(byName.openai, { active: true, configured: true, reachable: true, model: 'gpt-test', models: ['gpt-test'], base_url: `${openai.url}/v1` })
  t.match(byName.anthropic, { configured: false, reachable: null, models: [], detail: /ANTHROPIC_API_KEY/ })
  t.match(byName.gemini, { configured: true, reachable: false, model: 'gemini-2.5-flash', models: [], base_url: gone.url, detail: /fetch failed|ECONNREFUSED/ })
  t.notOk(response.payload.includes('test-key'), 'keys are never shown')

  const ready = (await built.app.inject({ method: 'GET', url: '/health/ready' })).json()
  t.match(ready.services['mama-bear'], { status: 'up', detail: 'openai (gpt-test), 0 answering' })
})

t.test('the embedded provider is the default and needs nothing', async (t) => {
  const built = await buildApp(t)
  const report = (await built.app.inject({ method: 'GET', url: '/api/ai/providers', headers: built.auth() })).json()
  t.equal(report.active, 'embedded')
  t.match(report.providers.find((provider: { name: string }) => provider.name === 'openai'), { configured: false, detail: /OPENAI_API_KEY \(or OPENAI_BASE_URL/ })
})

t.test('choosing a provider without its settings stops start-up with a clear message', async (t) => {
  const config = loadConfig({ PODPLAY_DATA_DIR: t.testdir(), DATABASE_URL: 'sqlite://:memory:', PODPLAY_ADMIN_TOKEN: 'pps_test-admin-token-0123456789', PODPLAY_AI_PROVIDER: 'anthropic' })
  await t.rejects(buildRealApp({ config, logger: false }), new ConfigError(['PODPLAY_AI_PROVIDER=anthropic: expected ANTHROPIC_API_KEY to be set']))
})

t.test('the AI settings are validated and named when wrong', async (t) => {
  const error = t.throws(() => loadConfig({ PODPLAY_AI_TIMEOUT_MS: '5', PODPLAY_MAX_GENERATIONS_PER_USER: '0' })) as ConfigError
  t.match(error.problems, [
    /^PODPLAY_AI_TIMEOUT_MS=.*5.*: expected milliseconds an AI provider may stay silent, at least 100$/,
    /^PODPLAY_MAX_GENERATIONS_PER_USER=.*0.*: expected concurrent answers per user, 1–100$/
  ])
  const config = loadConfig({ PODPLAY_AI_TIMEOUT_MS: '1500', PODPLAY_AI_MAX_RETRIES: '0', PODPLAY_AI_MAX_TOOL_STEPS: '3', PODPLAY_MAX_GENERATIONS_PER_USER: '4' })
  t.match(config.ai, { timeoutMs: 1500, maxRetries: 0, maxToolSteps: 3, maxGenerationsPerUser: 4 })
})
