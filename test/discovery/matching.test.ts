import t from 'tap'
import { isManifestPath, matchServers, type Signal } from '../../services/discovery/manifests.js'
import { signalMap } from '../../services/discovery/signal-map.js'

const signal = (kind: Signal['kind'], value: string): Signal => ({ kind, value, file: 'f', detail: `${kind} ${value}` })

t.test('signals map to servers by glob, with names normalised per ecosystem', async (t) => {
  const matches = matchServers([
    signal('npm', 'pg'),
    signal('npm', '@sentry/node'),
    signal('pypi', 'psycopg2-binary'),
    signal('go', 'github.com/jackc/pgx/v5'),
    signal('cargo', 'aws-sdk-s3'),
    signal('images', 'postgis/postgis'),
    signal('images', 'grafana/grafana-oss'),
    signal('hosts', 'gitlab.example.com'),
    signal('hosts', 'github.com'),
    signal('paths', '.git'),
    signal('npm', 'left-pad')
  ])
  t.same([...matches.keys()].sort(), ['aws-documentation', 'git', 'github', 'gitlab', 'grafana', 'postgres', 'sentry'])
  t.same(matches.get('postgres')!.map((s) => s.value), ['pg', 'psycopg2-binary', 'github.com/jackc/pgx/v5', 'postgis/postgis'])
  t.same(matchServers([signal('npm', 'pgx')]).size, 0, 'a glob is anchored: pg does not match pgx')
  t.same([...matchServers([signal('pypi', 'sentry-sdk')], [{ server: 'x', pypi: ['Sentry_SDK'] }]).keys()], ['x'], 'patterns are normalised too')
})

t.test('every mapped server appears once in the map', async (t) => {
  const servers = signalMap.map((entry) => entry.server)
  t.same(servers.length, new Set(servers).size)
})

t.test('which changed paths make recommendations stale', async (t) => {
  for (const path of ['package.json', 'api/package.json', 'go.mod', 'svc/Cargo.toml', 'compose.yaml', '.git/config', 'api/.git/config', 'Procfile', '.github/workflows', 'web/wrangler.toml']) {
    t.ok(isManifestPath(path), path)
  }
  for (const path of ['src/index.ts', 'a/b/package.json', 'package.json.bak', '.git/HEAD', 'README.md']) {
    t.notOk(isManifestPath(path), path)
  }
})
