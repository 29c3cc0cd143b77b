/**
 * Which project signals point to which catalog server: the discovery agent's knowledge, kept as
 * data so a new mapping is one line. Names are globs where `*` matches anything (`@sentry/*`,
 * `github.com/jackc/pgx*` for every major version). Python names are compared normalised (PEP 503:
 * lower case, runs of `-_.` as `-`); image names without registry, `library/` and tag.
 */
export interface ServerSignals {
  /** The catalog slug (data/mcp_servers.json `name`). */
  server: string
  /** package.json dependencies of any kind. */
  npm?: string[]
  /** requirements*.txt and pyproject.toml (PEP 621 and Poetry). */
  pypi?: string[]
  /** go.mod requires. */
  go?: string[]
  /** Cargo.toml dependencies of any kind. */
  cargo?: string[]
  /** Images of docker-compose services. */
  images?: string[]
  /** Hosts of .git/config remotes. */
  hosts?: string[]
  /** Paths whose presence in a project folder is a signal. */
  paths?: string[]
}

export const signalMap: ServerSignals[] = [
  {
    server: 'postgres',
    npm: ['pg', 'postgres', 'pg-promise', 'slonik', '@vercel/postgres'],
    pypi: ['psycopg', 'psycopg2', 'psycopg2-binary', 'asyncpg'],
    go: ['github.com/lib/pq', 'github.com/jackc/pgx*'],
    cargo: ['postgres', 'tokio-postgres'],
    images: ['postgres', 'postgis/postgis', 'timescale/timescaledb*', 'bitnami/postgresql']
  },
  {
    server: 'sqlite',
    npm: ['better-sqlite3', 'sqlite3', 'sqlite', '@libsql/client'],
    pypi: ['sqlite-utils', 'aiosqlite'],
    go: ['github.com/mattn/go-sqlite3', 'modernc.org/sqlite'],
    cargo: ['rusqlite']
  },
  {
    server: 'redis',
    npm: ['redis', 'ioredis', '@upstash/redis'],
    pypi: ['redis', 'aioredis'],
    go: ['github.com/redis/go-redis*', 'github.com/go-redis/redis*', 'github.com/gomodule/redigo'],
    cargo: ['redis'],
    images: ['redis', 'redis/redis-stack*', 'valkey/valkey', 'bitnami/redis']
  },
  {
    server: 'mongodb',
    npm: ['mongodb', 'mongoose'],
    pypi: ['pymongo', 'motor', 'mongoengine'],
    go: ['go.mongodb.org/mongo-driver*'],
    cargo: ['mongodb'],
    images: ['mongo', 'bitnami/mongodb', 'mongodb/mongodb-community-server']
  },
  { server: 'supabase', npm: ['@supabase/*'], pypi: ['supabase'], go: ['github.com/supabase-community/*'], paths: ['supabase/config.toml'] },
  { server: 'neon', npm: ['@neondatabase/*'] },
  { server: 'clickhouse', npm: ['@clickhouse/client*'], pypi: ['clickhouse-connect', 'clickhouse-driver'], go: ['github.com/ClickHouse/clickhouse-go*'], cargo: ['clickhouse'], images: ['clickhouse/clickhouse-server', 'yandex/clickhouse-server'] },
  { server: 'qdrant', npm: ['@qdrant/*'], pypi: ['qdrant-client'], go: ['github.com/qdrant/go-client'], cargo: ['qdrant-client'], images: ['qdrant/qdrant'] },
  { server: 'chroma', npm: ['chromadb'], pypi: ['chromadb'], images: ['chromadb/chroma'] },
  { server: 'stripe', npm: ['stripe', '@stripe/*'], pypi: ['stripe'], go: ['github.com/stripe/stripe-go*'], cargo: ['async-stripe'] },
  { server: 'sentry', npm: ['@sentry/*'], pypi: ['sentry-sdk'], go: ['github.com/getsentry/sentry-go'], cargo: ['sentry'] },
  { server: 'slack', npm: ['@slack/*'], pypi: ['slack-sdk', 'slack-bolt'], go: ['github.com/slack-go/slack'] },
  { server: 'notion', npm: ['@notionhq/client'], pypi: ['notion-client'] },
  { server: 'linear', npm: ['@linear/sdk'] },
  { server: 'playwright', npm: ['playwright', 'playwright-core', '@playwright/test'], pypi: ['playwright', 'pytest-playwright'], go: ['github.com/playwright-community/playwright-go'] },
  { server: 'puppeteer', npm: ['puppeteer', 'puppeteer-core'], pypi: ['pyppeteer'] },
  { server: 'browserbase', npm: ['@browserbasehq/*'], pypi: ['browserbase'] },
  { server: 'firecrawl', npm: ['@mendable/firecrawl-js'], pypi: ['firecrawl-py'] },
  { server: 'exa', npm: ['exa-js'], pypi: ['exa-py'] },
  { server: 'tavily', npm: ['@tavily/core'], pypi: ['tavily-python'] },
  { server: 'google-maps', npm: ['@googlemaps/*', '@react-google-maps/api'], pypi: ['googlemaps'] },
  { server: 'cloudflare', npm: ['wrangler', 'cloudflare', '@cloudflare/*'], pypi: ['cloudflare'], go: ['github.com/cloudflare/cloudflare-go*'], paths: ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc'] },
  { server: 'aws-documentation', npm: ['@aws-sdk/*', 'aws-sdk', 'aws-cdk-lib'], pypi: ['boto3', 'aiobotocore', 'aws-cdk-lib'], go: ['github.com/aws/aws-sdk-go*'], cargo: ['aws-sdk-*', 'aws-config'] },
  { server: 'heroku', paths: ['Procfile', 'heroku.yml'] },
  { server: 'grafana', images: ['grafana/grafana*', 'grafana/loki', 'grafana/tempo'] },
  { server: 'circleci', paths: ['.circleci/config.yml'] },
  { server: 'github', hosts: ['github.com'], paths: ['.github/workflows'] },
  { server: 'gitlab', hosts: ['gitlab.com', 'gitlab.*'], paths: ['.gitlab-ci.yml'] },
  { server: 'git', paths: ['.git'] }
]
