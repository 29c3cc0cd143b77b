import t from 'tap'
import { ConfigError, loadConfig } from '../../plugins/config.js'

t.test('defaults give a working embedded service', async (t) => {
  const config = loadConfig({})
  t.equal(config.host, '127.0.0.1')
  t.equal(config.port, 3000)
  t.match(config.dataDir, /\.podplay$/)
  t.same(config.database, { kind: 'sqlite', file: `${config.dataDir}/podplay.db` })
  t.same(config.corsOrigins, [], 'the service\'s own pages need no CORS origin')
  t.same(config.allowedHosts, ['localhost', '127.0.0.1', '[::1]'])
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

t.test('allowed hosts: the loopback names, HOST when it names one host, and the configured names', async (t) => {
  t.same(loadConfig({ HOST: 'devbox.lan' }).allowedHosts, ['localhost', '127.0.0.1', '[::1]', 'devbox.lan'])
  t.same(loadConfig({ HOST: '0.0.0.0' }).allowedHosts, ['localhost', '127.0.0.1', '[::1]'], 'a wildcard address names no host')
  t.same(loadConfig({ HOST: '::1' }).allowedHosts, ['localhost', '127.0.0.1', '[::1]'], 'an IPv6 address is compared in brackets')
  t.same(loadConfig({ HOST: '192.168.1.20' }).allowedHosts, ['localhost', '127.0.0.1', '[::1]', '192.168.1.20'])
  t.same(loadConfig({ PODPLAY_ALLOWED_HOSTS: 'Sanctuary.example, .team.example ,[fd00::1]' }).allowedHosts,
    ['localhost', '127.0.0.1', '[::1]', 'sanctuary.example', '.team.example', '[fd00::1]'])
  t.equal(loadConfig({ PODPLAY_ALLOWED_HOSTS: '*' }).allowedHosts, '*')
  t.same(loadConfig({ PODPLAY_CORS_ORIGINS: 'http://App.example:8080/, https://b.example:443' }).corsOrigins,
    ['http://app.example:8080', 'https://b.example'], 'origins are compared the way browsers send them')

  const withPort = t.throws(() => loadConfig({ PODPLAY_ALLOWED_HOSTS: 'devbox:3000' })) as ConfigError
  t.match(withPort.message, /PODPLAY_ALLOWED_HOSTS="devbox:3000": expected a comma-separated list of host names/)
  const badOrigin = t.throws(() => loadConfig({ PODPLAY_CORS_ORIGINS: 'http://%%' })) as ConfigError
  t.match(badOrigin.message, /PODPLAY_CORS_ORIGINS="http:\/\/%%"/)
})
