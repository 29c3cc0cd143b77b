import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildApp, type App } from '../app.js'
import { categoryNames } from '../schemas/catalog.js'
import { loadConfig } from '../plugins/config.js'
import { domainWords, generateCatalog } from './catalog-generator.js'
import { compare, measure, report, type Verdict } from './load.js'
import { startProcess } from './processes.js'

const CATALOG_SIZE = 10_000
const ADMIN_TOKEN = 'pps_bench-admin-token-000000'

type Search = Parameters<App['marketplace']['search']>[0]

/**
 * What users type, each search different so none is answered from the result cache: every domain
 * word whole, as a prefix, with a typo, with a category filter, sorted by popularity, and paired
 * with the next word.
 */
function coldSearches (): Search[] {
  return domainWords.flatMap((word, index): Search[] => [
    { query: word },
    { query: word.slice(0, Math.max(3, word.length - 2)) },
    { query: word.length >= 5 ? word.slice(0, 2) + word.slice(3) : `${word}s` },
    { query: word, category: categoryNames[index % categoryNames.length] },
    { query: word, sort: 'popularity' },
    { query: `${word} ${domainWords[(index + 1) % domainWords.length]}` }
  ])
}

function percentile (sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]
}

async function timings (app: App, searches: Search[], userId: string): Promise<{ p50: number, p99: number }> {
  const spent: number[] = []
  for (const search of searches) {
    const started = performance.now()
    await app.marketplace.search(search, userId)
    spent.push(performance.now() - started)
  }
  spent.sort((a, b) => a - b)
  return { p50: percentile(spent, 0.5), p99: percentile(spent, 0.99) }
}

/** The search service called directly, as a route calls it: every search new, then the same ones again. */
async function inProcess (catalogFile: string, dataDir: string) {
  const app = await buildApp({ config: loadConfig({ PODPLAY_DATA_DIR: dataDir, PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN, PODPLAY_CATALOG: catalogFile, LOG_LEVEL: 'silent' }), logger: false })
  try {
    await app.ready()
    const userId = (await app.tokens.ensureUser('bench')).id
    // Warm the JIT up on searches that are not measured.
    await timings(app, domainWords.map((word) => ({ query: `${word}x`, sort: 'name' as const })), userId)
    const searches = coldSearches()
    const cold = await timings(app, searches, userId)
    const cached = await timings(app, searches.slice(-200), userId)
    return { cold, cached, count: searches.length }
  } finally {
    await app.close()
  }
}

/**
 * Search on a generated catalog of 10,000 servers. In process: p99 under 2 ms. Over HTTP (the full
 * app in its own process): at least half the requests/s of a bare Fastify hello-world, same run.
 */
export async function benchSearch (): Promise<Verdict[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'podplay-bench-search-'))
  const catalogFile = join(workDir, 'catalog.json')
  await writeFile(catalogFile, JSON.stringify(generateCatalog(CATALOG_SIZE)))
  try {
    const direct = await inProcess(catalogFile, join(workDir, 'in-process'))
    console.log(`search in process, ${direct.count} different searches over ${CATALOG_SIZE} servers:`)
    console.log(`  first time                       p50 ${direct.cold.p50.toFixed(3)} ms   p99 ${direct.cold.p99.toFixed(3)} ms`)
    console.log(`  repeated (result cache)          p50 ${direct.cached.p50.toFixed(3)} ms   p99 ${direct.cached.p99.toFixed(3)} ms`)

    const baseline = await startProcess('bench/hello-world.ts', '/')
    const app = await startProcess('server.ts', '/health/live', {
      PODPLAY_DATA_DIR: join(workDir, 'server'),
      PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN,
      PODPLAY_CATALOG: catalogFile,
      PODPLAY_RATE_LIMIT_MAX: '1000000000',
      LOG_LEVEL: 'warn'
    })
    try {
      const searchUrl = `${app.url}/api/mcp/servers?query=database&limit=20`
      const headers = { authorization: `Bearer ${ADMIN_TOKEN}` }
      const { baseline: bare, target: search, ratio } = await compare(baseline.url, searchUrl, headers)
      // For reference, not judged: the cheapest authenticated route, i.e. what every /api request pays.
      const authenticated = await measure(`${app.url}/api/auth/me`, headers)
      console.log(report('bare Fastify hello-world', bare))
      console.log(report('GET /api/mcp/servers?query=', search))
      console.log(report('GET /api/auth/me (reference)', authenticated))
      console.log(`search / hello-world ratio            ${ratio.toFixed(2)}   (search / auth/me ${(search.requestsPerSecond / authenticated.requestsPerSecond).toFixed(2)})`)
      return [
        { name: 'search p99 in process, uncached (2 ms / p99)', ratio: 2 / direct.cold.p99, target: 1 },
        { name: 'GET /api/mcp/servers vs hello-world', ratio, target: 0.5 }
      ]
    } finally {
      await Promise.all([baseline.stop(), app.stop()])
    }
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

// Also runnable on its own: npx tsx bench/search.ts
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const verdicts = await benchSearch()
  for (const { name, ratio, target } of verdicts) console.log(`${ratio >= target ? 'PASS' : 'FAIL'}  ${name}: ${ratio.toFixed(2)} (target ≥ ${target})`)
  process.exitCode = verdicts.every(({ ratio, target }) => ratio >= target) ? 0 : 1
}
