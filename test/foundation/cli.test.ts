import t from 'tap'
import { tempDir } from '../helper.js'
import { podplay, podplayProcess } from '../podplay-cli.js'

t.test('tokens are created, listed and revoked offline', async (t) => {
  const dataDir = tempDir(t)
  const created = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'token', 'create', '--user', 'alice', '--scopes', 'read,write', '--name', 'laptop')
  t.equal(created.code, 0, created.stderr)
  const token = created.stdout.trim()
  t.match(token, /^pps_/)
  t.match(created.stderr, /for alice with scopes read,write/)

  const listed = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'token', 'list')
  t.equal(listed.code, 0)
  t.match(listed.stdout, /alice {2}read,write {2}laptop {2}live/)
  t.notOk(listed.stdout.includes(token), 'the token itself is never listed')
  const id = listed.stdout.split(/\s+/)[0]

  const revoked = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'token', 'revoke', id)
  t.equal(revoked.code, 0)
  t.match((await podplay({ PODPLAY_DATA_DIR: dataDir }, 'token', 'list')).stdout, /revoked/)

  const again = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'token', 'revoke', id)
  t.equal(again.code, 1)
  t.match(again.stderr, /no live token/)

  const badScope = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'token', 'create', '--user', 'bob', '--scopes', 'root')
  t.not(badScope.code, 0)
  t.match(badScope.stderr, /unknown scope root/)
})

t.test('openapi prints the document without starting a server or touching the data dir', async (t) => {
  const dataDir = tempDir(t)
  const printed = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'openapi')
  t.equal(printed.code, 0, printed.stderr)
  const document = JSON.parse(printed.stdout)
  t.equal(document.openapi, '3.1.0')
  t.ok(document.paths['/api/auth/me'])
})

t.test('usage mistakes get commander\'s message and a non-zero exit code', async (t) => {
  const missing = await podplay({}, 'token', 'create')
  t.equal(missing.code, 1)
  t.match(missing.stderr, /required option '--user <name>' not specified/)
  const unknown = await podplay({}, 'tokens')
  t.equal(unknown.code, 1)
  t.match(unknown.stderr, /unknown command 'tokens'/)
})

t.test('as its own process, a bad configuration is reported, not thrown, with exit code 1', async (t) => {
  const bad = await podplayProcess({ LOG_LEVEL: 'loud' }, 'token', 'list')
  t.equal(bad.code, 1)
  t.match(bad.stderr, /Invalid configuration:\n {2}- LOG_LEVEL="loud"/)
  t.notMatch(bad.stderr, /at .*\.ts:\d+/, 'no stack trace')
})
