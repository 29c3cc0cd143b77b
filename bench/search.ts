import { writeFile } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { buildApp } from '../app.js'
import { loadConfig } from '../plugins/config.js'
import { ADMIN_TOKEN, CATALOG_SIZE, authorization } from './app-server.js'
import { generateCatalog } from './catalog-generator.js'
import type { Target } from './processes.js'
import { QUERY_LOG_SIZE, queryLog, searchUrl, type LoggedSearch } from './query-log.js'
import { boundVerdict, percentile, type Verdict } from './verdict.js'

const logSize = Number(process.env.BENCH_QUERIES ?? QUERY_LOG_SIZE)

interface Spread {
  p50: number
  p99: number
  /** p99 over each different search's first run only, before the result cache has it. */
  firstP99: number
}

/** Times each search of the log; the first run of each different search is also kept apart. */
async function timeLog (log: LoggedSearch[], run: (search: LoggedSearch) => Promise<unknown>): Promise<Spread> {
  const spent: number[] = []
  const first: number[] = []
  const seen = new Set<string>()
  for (const search of log) {
    // Searches reach a service one event at a time: what it does in the background runs in between.
    await new Promise(setImmediate)
    const started = performance.now()
    await run(search)
    const elapsed = performance.now() - started
    spent.push(elapsed)
    const key = JSON.stringify(search)
    if (!seen.has(key)) {
      seen.add(key)
      first.push(elapsed)
    }
  }
  spent.sort((a, b) => a - b)
  first.sort((a, b) => a - b)
  return { p50: percentile(spent, 0.5), p99: percentile(spent, 0.99), firstP99: percentile(first, 0.99) }
}

/** Warms the JIT up on searches of the same shapes that are not in the log. */
const warmUp = (log: LoggedSearch[]) => log.slice(0, 300).map((search) => ({ ...search, query: `${search.query ?? ''}q` }))

/**
 * The search service called directly, as a route calls it, over a generated catalog of 10,000
 * servers and the query log (Zipf over the catalog's words, prefixes, typos, filters, sorts).
 */
export async function benchSearchInProcess (workDir: string): Promise<Verdict[]> {
  const catalogFile = join(workDir, 'generated-catalog.json')
  const catalog = generateCatalog(CATALOG_SIZE)
  await writeFile(catalogFile, JSON.stringify(catalog))
  const app = await buildApp({ config: loadConfig({ PODPLAY_DATA_DIR: join(workDir, 'in-process'), PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN, PODPLAY_CATALOG: catalogFile, LOG_LEVEL: 'silent' }), logger: false })
  try {
    await app.ready()
    const userId = (await app.tokens.ensureUser('bench')).id
    const log = queryLog(catalog.servers, logSize)
    const search = (params: LoggedSearch) => app.marketplace.search(params, userId)
    for (const params of warmUp(log)) {
      await new Promise(setImmediate)
      await search(params)
    }
    const spread = await timeLog(log, search)
    console.log(`search in process, ${log.length} searches (${new Set(log.map((params) => JSON.stringify(params))).size} different) over ${CATALOG_SIZE} servers: p50 ${spread.p50.toFixed(3)} ms, p99 ${spread.p99.toFixed(3)} ms; first runs only p99 ${spread.firstP99.toFixed(3)} ms`)
    return [boundVerdict('search in process, query log, p99', spread.p99, 'ms', { atMost: 2 }, `p50 ${spread.p50.toFixed(2)} ms; first runs only p99 ${spread.firstP99.toFixed(2)} ms`)]
  } finally {
    await app.close()
  }
}

/** One GET on a kept-alive connection, its body read to the end. */
function get (agent: Agent, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: authorization }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`))
      response.resume()
      response.on('end', resolve)
    }).on('error', reject).end()
  })
}

/**
 * The same query log over HTTP, one request at a time: the latency a user of the full app sees.
 * The same loop against a bare hello-world (`floor`) shows what the machine, Node's HTTP and the
 * load generator alone cost at p99.
 */
export async function benchSearchOverHttp (app: Target, floor: Target, catalogServers = generateCatalog(CATALOG_SIZE).servers): Promise<Verdict[]> {
  const log = queryLog(catalogServers, logSize)
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    for (const params of warmUp(log)) await get(agent, `${app.url}${searchUrl(params)}`)
    const spread = await timeLog(log, (params) => get(agent, `${app.url}${searchUrl(params)}`))
    await timeLog(warmUp(log), () => get(agent, floor.url))
    const bare = await timeLog(log, () => get(agent, floor.url))
    console.log(`search over HTTP, the same log one request at a time: p50 ${spread.p50.toFixed(3)} ms, p99 ${spread.p99.toFixed(3)} ms; first runs only p99 ${spread.firstP99.toFixed(3)} ms; a hello-world in the same loop: p50 ${bare.p50.toFixed(3)} ms, p99 ${bare.p99.toFixed(3)} ms`)
    return [boundVerdict('search over HTTP, query log, p99 latency', spread.p99, 'ms', { atMost: 2 }, `p50 ${spread.p50.toFixed(2)} ms; first runs only p99 ${spread.firstP99.toFixed(2)} ms; a bare hello-world in the same loop: p50 ${bare.p50.toFixed(2)} ms, p99 ${bare.p99.toFixed(2)} ms`)]
  } finally {
    agent.destroy()
  }
}
