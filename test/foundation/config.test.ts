import t from 'tap'
import { ConfigError, loadConfig } from '../../plugins/config.js'

t.test('defaults give a working embedded service', async (t) => {
  const config = loadConfig({})
  t.equal(config.host, '127.0.0.1')
  t.equal(config.port, 3000)
  t.match(config.dataDir, /\.podplay$/)
  t.same(config.database, { kind: 'sqlite', file: `${config.dataDir}/podplay.db` })
  t.same(config.corsOrigins, ['http://localhost:3000', 'http://127.0.0.1:3000'])
  t.equal(config.ai.provider, 'embedded')
  t.equal(config.logLevel, 'info')
  t.match(config.catalogPath, /data\/mcp_servers\.json$/)
})

t.test('values are converted and selected', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    DATABASE_URL: 'postgres://u:p@127.0.0.1/db',
    PODPLAY_CORS_ORIGINS: 'https://a.example, https://b.example',
    PODPLAY_METRICS_PUBLIC: 'true',
    LOG_LEVEL: 'debug',
    PODPLAY_AI_PROVIDER: 'openai',
    OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
    HOST: ''
  })
  t.equal(config.port, 8080)
  t.same(config.database, { kind: 'postgres', url: 'postgres://u:p@127.0.0.1/db' })
  t.same(config.corsOrigins, ['https://a.example', 'https://b.example'])
  t.equal(config.metricsPublic, true)
  t.equal(config.ai.openai.baseUrl, 'http://127.0.0.1:11434/v1')
  t.equal(config.host, '127.0.0.1', 'an empty variable counts as unset')
  t.same(loadConfig({ DATABASE_URL: 'sqlite://:memory:' }).database, { kind: 'sqlite', file: ':memory:' })
  t.match(loadConfig({ DATABASE_URL: 'sqlite://data/x.db' }).database, { kind: 'sqlite', file: /\/data\/x\.db$/ })
})

t.test('every bad variable is named at once, secrets hidden', async (t) => {
  const error = t.throws(() => loadConfig({
    PORT: 'abc',
    LOG_LEVEL: 'loud',
    PODPLAY_AI_PROVIDER: 'skynet',
    PODPLAY_ADMIN_TOKEN: 'short',
    PODPLAY_CORS_ORIGINS: '*'
  })) as ConfigError
  t.ok(error instanceof ConfigError)
  t.equal(error.problems.length, 5)
  t.match(error.message, /PORT="abc": expected a TCP port/)
  t.match(error.message, /LOG_LEVEL="loud": expected fatal, error, warn, info, debug, trace or silent/)
  t.match(error.message, /PODPLAY_AI_PROVIDER="skynet"/)
  t.match(error.message, /PODPLAY_ADMIN_TOKEN=\(hidden\)/)
  t.match(error.message, /PODPLAY_CORS_ORIGINS="\*": expected a comma-separated list of http\(s\) origins/)
  t.notOk(error.message.includes('short'))
})
