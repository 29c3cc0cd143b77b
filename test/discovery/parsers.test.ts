import t from 'tap'
import {
  cargoDependencies, composeImages, gitRemoteHosts, goModRequires, normaliseImage, packageJsonDependencies,
  pyprojectDependencies, requirementsTxtDependencies
} from '../../services/discovery/parsers.js'

t.test('package.json: every dependency group; broken files give nothing', async (t) => {
  t.same(packageJsonDependencies(JSON.stringify({
    dependencies: { pg: '^8', fastify: '^5' },
    devDependencies: { '@sentry/node': '^9', pg: '^8' },
    peerDependencies: { react: '*' },
    optionalDependencies: { ioredis: '^5' }
  })), ['pg', 'fastify', '@sentry/node', 'react', 'ioredis'])
  t.same(packageJsonDependencies('{ not json'), [])
  t.same(packageJsonDependencies('null'), [])
  t.same(packageJsonDependencies('{"dependencies": ["pg"]}'), [], 'an array is not a dependency map')
})

t.test('requirements.txt: names normalised, options and comments skipped', async (t) => {
  t.same(requirementsTxtDependencies([
    '# database',
    'Psycopg2_Binary==2.9.9  # pinned',
    'uvicorn[standard]>=0.20; python_version >= "3.9"',
    '-r other.txt',
    '--index-url https://example.com/simple',
    '-e git+https://github.com/x/y.git#egg=y',
    'requests @ https://example.com/requests.whl',
    '',
    'Django'
  ].join('\r\n')), ['psycopg2-binary', 'uvicorn', 'requests', 'django'])
})

t.test('pyproject.toml: PEP 621, optional groups, PEP 735 groups and Poetry', async (t) => {
  const text = `
[build-system]
requires = ["hatchling"]

[project]
name = "demo"
dependencies = [
  "asyncpg>=0.29",   # the database
  "uvicorn[standard]",
  'Redis ; extra == "cache"',
]

[project.optional-dependencies]
search = ["qdrant-client>=1.7"]

[dependency-groups]
test = ["pytest", {include-group = "lint"}]

[tool.poetry.dependencies]
python = "^3.11"
boto3 = "^1.34"
"sentry-sdk" = { version = "^2", extras = ["fastapi"] }

[tool.poetry.group.dev.dependencies]
Playwright = "*"
`
  t.same(pyprojectDependencies(text).sort(), ['asyncpg', 'boto3', 'playwright', 'pytest', 'qdrant-client', 'redis', 'sentry-sdk', 'uvicorn'])
  t.same(pyprojectDependencies('[project]\nname = "x"\n'), [])
})

t.test('Cargo.toml: every dependency table, inline or as its own table', async (t) => {
  const text = `
[package]
name = "demo"

[dependencies]
tokio-postgres = "0.7"
serde = { version = "1", features = ["derive"] }
tokio.workspace = true

[dependencies.redis]
version = "0.25"

[dev-dependencies]
rusqlite = "0.31"

[target.'cfg(unix)'.dependencies]
nix = "0.28"

[workspace.dependencies]
aws-sdk-s3 = "1"
`
  t.same(cargoDependencies(text).sort(), ['aws-sdk-s3', 'nix', 'redis', 'rusqlite', 'serde', 'tokio', 'tokio-postgres'])
})

t.test('go.mod: direct requirements only', async (t) => {
  const text = `module example.com/app

go 1.22

require github.com/jackc/pgx/v5 v5.5.0

require (
\tgithub.com/redis/go-redis/v9 v9.5.1
\tgithub.com/stripe/stripe-go/v76 v76.0.0
\tgolang.org/x/sys v0.18.0 // indirect
)
`
  t.same(goModRequires(text), ['github.com/jackc/pgx/v5', 'github.com/redis/go-redis/v9', 'github.com/stripe/stripe-go/v76'])
})

t.test('compose images and their normal names', async (t) => {
  const text = `services:
  db:
    image: "postgres:16-alpine"
  cache:
    image: docker.io/library/redis:7 # cache
  grafana:
    image: grafana/grafana-oss@sha256:abc
  app:
    build: .
`
  t.same(composeImages(text), ['postgres:16-alpine', 'docker.io/library/redis:7', 'grafana/grafana-oss@sha256:abc'])
  t.same(composeImages(text).map(normaliseImage), ['postgres', 'redis', 'grafana/grafana-oss'])
  t.equal(normaliseImage('localhost:5000/team/qdrant:latest'), 'team/qdrant')
  t.equal(normaliseImage('ghcr.io/chroma-core/chroma'), 'chroma-core/chroma')
})

t.test('git remotes: https, ssh and scp-like URLs', async (t) => {
  const text = `[core]
\trepositoryformatversion = 0
\turl = https://not-a-remote.example/x
[remote "origin"]
\turl = git@github.com:acme/app.git
\tfetch = +refs/heads/*:refs/remotes/origin/*
[remote "mirror"]
\turl = https://oauth2:token@GitLab.example.com/acme/app.git
[remote "backup"]
\turl = ssh://git@bitbucket.org:7999/acme/app.git
[branch "main"]
\tremote = origin
`
  t.same(gitRemoteHosts(text), [
    { remote: 'origin', host: 'github.com' },
    { remote: 'mirror', host: 'gitlab.example.com' },
    { remote: 'backup', host: 'bitbucket.org' }
  ])
})

t.test('malformed TOML, YAML and INI give nothing', async (t) => {
  t.same(pyprojectDependencies('[project\ndependencies = ["asyncpg"]\n'), [], 'an unclosed header')
  t.same(pyprojectDependencies('[project]\ndependencies = ["asyncpg"\n'), [], 'an unclosed array')
  t.same(cargoDependencies('[dependencies]\nserde = { version = "1"\n'), [], 'an unclosed inline table')
  t.same(cargoDependencies('[dependencies]\nserde = "1"\nserde = "2"\n'), [], 'a key defined twice')
  t.same(composeImages('services:\n  db:\n    image: [postgres\n'), [], 'an unclosed flow sequence')
  t.same(composeImages('services: [db\n'), [])
  t.same(composeImages('{ not: yaml: at: all'), [])
  t.same(composeImages('image: postgres:16\n'), [], 'an image outside services')
  t.same(gitRemoteHosts('[remote "origin"\n\turl = git@github.com:acme/app.git\n'), [], 'an unclosed section header')
  t.same(gitRemoteHosts('\u0000 not = [an ini\n[[['), [])
})

t.test('TOML strings may hold brackets and hashes; dotted and quoted keys are read whole', async (t) => {
  t.same(pyprojectDependencies('[project]\ndependencies = ["a-pkg ; extra == \'x]\'", "b#c"] # comment\n'), ['a-pkg', 'b'])
  t.same(cargoDependencies('[target."cfg(target_os = \\"linux\\")".build-dependencies]\ncc = "1"\n[workspace.dependencies.tokio]\nversion = "1"\n'), ['tokio', 'cc'])
})

t.test('compose merge keys and git remotes with dots, several urls and indented headers', async (t) => {
  t.same(composeImages('x-base: &base\n  image: qdrant/qdrant\nservices:\n  a:\n    <<: *base\n  b:\n    image: 7\n'), ['qdrant/qdrant'])
  t.same(gitRemoteHosts('  [remote "my.fork"]\n\turl = https://github.com/me/app.git\n\turl = git@gitlab.com:me/app.git\n'), [
    { remote: 'my.fork', host: 'github.com' },
    { remote: 'my.fork', host: 'gitlab.com' }
  ])
})
