import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { projectRoot } from '../plugins/config.js'
import { generateCatalog } from './catalog-generator.js'
import { startProcess, type StartOptions, type Target } from './processes.js'

export const ADMIN_TOKEN = 'pps_bench-admin-token-000000'
export const CATALOG_SIZE = 10_000

/** The bundled catalog (for its real entries such as github) plus 10,000 generated servers. */
export async function writeBenchCatalog (file: string): Promise<void> {
  const bundled = JSON.parse(await readFile(join(projectRoot, 'data', 'mcp_servers.json'), 'utf8')) as { servers: unknown[] }
  const generated = generateCatalog(CATALOG_SIZE)
  const servers = [...bundled.servers, ...generated.servers]
  await writeFile(file, JSON.stringify({ ...generated, description: `the bundled catalog and ${CATALOG_SIZE} generated servers`, total_servers: servers.length, servers }))
}

/**
 * The whole app as `npm start` runs it (every plugin), with the limits a load test would trip
 * raised out of the way: the rate limit, and the concurrent answers per user for the chat row.
 * `bundledCatalogOnly` leaves the generated servers out, for rows that do not read the catalog.
 */
export async function startApp (workDir: string, options: StartOptions & { bundledCatalogOnly?: boolean } = {}): Promise<Target> {
  const catalog = options.bundledCatalogOnly ? join(projectRoot, 'data', 'mcp_servers.json') : join(workDir, 'catalog.json')
  if (!options.bundledCatalogOnly) await writeBenchCatalog(catalog)
  return await startProcess('server.ts', '/health/live', {
    nodeFlags: profileFlags,
    ...options,
    env: {
      PODPLAY_DATA_DIR: join(workDir, `data-${Date.now()}`),
      PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN,
      PODPLAY_CATALOG: catalog,
      PODPLAY_RATE_LIMIT_MAX: '1000000000',
      PODPLAY_MAX_GENERATIONS_PER_USER: '100',
      PODPLAY_AI_PROVIDER: 'embedded',
      LOG_LEVEL: 'warn',
      ...options.env
    }
  })
}

/**
 * `BENCH_CPU_PROF=DIR` writes a V8 CPU profile of every app process into DIR when it stops,
 * sampled every `BENCH_CPU_PROF_INTERVAL` µs (default 100).
 */
export const profileFlags = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-interval=${process.env.BENCH_CPU_PROF_INTERVAL ?? 100}`]
  : []

export const authorization = { authorization: `Bearer ${ADMIN_TOKEN}` }
