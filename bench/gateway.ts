import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { isolatedFetch } from '../services/mcp-runtime/isolated-fetch.js'
import { ADMIN_TOKEN, profileFlags } from './app-server.js'
import { loadSettings, median } from './load.js'
import { cpuTimeMs, startProcess, type Target as Process } from './processes.js'
import { boundVerdict, ratioVerdict, table, type Verdict } from './verdict.js'

const SEQUENTIAL_CALLS = Number(process.env.BENCH_MCP_CALLS ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_MCP_CONCURRENCY ?? 10)

interface Target {
  label: string
  client: Client
  tool: string
}

async function connect (url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'podplay-bench', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers }, fetch: isolatedFetch }))
  return client
}

async function call (target: Target): Promise<void> {
  const result = await target.client.callTool({ name: target.tool, arguments: { text: 'bench' } })
  if (result.isError) throw new Error(`${target.label}: the call failed: ${JSON.stringify(result.content)}`)
}

/** The median latency of calls made one after the other. */
async function p50 (target: Target, count: number): Promise<number> {
  const spent: number[] = []
  for (let index = 0; index < count; index++) {
    const started = performance.now()
    await call(target)
    spent.push(performance.now() - started)
  }
  return spent.sort((a, b) => a - b)[Math.floor(spent.length / 2)]
}

/** What a throughput run measured: calls per second, and the CPU time per call of each process (µs). */
interface Rate {
  perSecond: number
  cpuPerCallUs: { client: number, gateway: number, fixture: number }
}

/**
 * Calls per second with CONCURRENCY calls in flight on the one session, for the configured duration,
 * and the CPU time each process (this client, the gateway, the fixture server) spent per call.
 */
async function throughput (target: Target, processes: { gateway: Process, fixture: Process }): Promise<Rate> {
  const before = { client: process.cpuUsage(), gateway: await cpuTimeMs(processes.gateway.pid), fixture: await cpuTimeMs(processes.fixture.pid) }
  const deadline = performance.now() + loadSettings.durationSeconds * 1000
  let done = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < deadline) {
      await call(target)
      done += 1
    }
  }))
  const client = process.cpuUsage(before.client)
  const perCall = (ms: number) => 1000 * ms / done
  return {
    perSecond: done / loadSettings.durationSeconds,
    cpuPerCallUs: {
      client: perCall((client.user + client.system) / 1000),
      gateway: perCall(await cpuTimeMs(processes.gateway.pid) - before.gateway),
      fixture: perCall(await cpuTimeMs(processes.fixture.pid) - before.fixture)
    }
  }
}

/** Every process's CPU per call, summed: on two busy cores, calls per second follow its inverse. */
const cpuPerCall = (rate: Rate) => rate.cpuPerCallUs.client + rate.cpuPerCallUs.gateway + rate.cpuPerCallUs.fixture

/**
 * A tool call through the MCP gateway (SDK client → /mcp → the runtime's client → the fixture
 * server) against the same call made directly to the fixture server with the SDK client, in
 * alternating rounds of one run. Targets: p50 overhead at most 1 ms, throughput at least 0.7.
 */
export async function benchGateway (): Promise<Verdict[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'podplay-bench-gateway-'))
  const fixture = await startProcess('bench/mcp-fixture-server.ts', '/health')
  const catalog = join(workDir, 'catalog.json')
  await writeFile(catalog, JSON.stringify({
    version: '1.0.0',
    last_updated: '2026-01-01',
    description: 'gateway benchmark',
    servers: [{ name: 'bench-echo', title: 'Bench echo', description: 'The fixture MCP server', last_updated: '2026-01-01', remotes: [{ transport: 'streamable-http', url: `${fixture.url}/mcp` }] }]
  }))
  const app = await startProcess('server.ts', '/health/live', {
    nodeFlags: profileFlags,
    env: {
      PODPLAY_DATA_DIR: join(workDir, 'server'),
      PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN,
      PODPLAY_CATALOG: catalog,
      PODPLAY_RATE_LIMIT_MAX: '1000000000',
      LOG_LEVEL: 'warn'
    }
  })
  const clients: Client[] = []
  try {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
    for (const action of ['servers/bench-echo/install', 'installed/bench-echo/start']) {
      const response = await fetch(`${app.url}/api/mcp/${action}`, { method: 'POST', headers, body: '{}' })
      if (!response.ok) throw new Error(`${action}: ${response.status} ${await response.text()}`)
    }
    const direct: Target = { label: 'direct', client: await connect(`${fixture.url}/mcp`), tool: 'echo' }
    const gateway: Target = { label: 'gateway', client: await connect(`${app.url}/mcp`, { authorization: headers.authorization }), tool: 'bench-echo__echo' }
    clients.push(direct.client, gateway.client)

    // Warm up both paths (JIT, connections, caches) before anything is measured.
    await p50(direct, 200)
    await p50(gateway, 200)
    const processes = { gateway: app, fixture }
    const rounds: Array<{ direct: number, gateway: number, directRate: Rate, gatewayRate: Rate }> = []
    for (let round = 0; round < loadSettings.rounds; round++) {
      rounds.push({ direct: await p50(direct, SEQUENTIAL_CALLS), gateway: await p50(gateway, SEQUENTIAL_CALLS), directRate: await throughput(direct, processes), gatewayRate: await throughput(gateway, processes) })
    }
    const overhead = median(rounds.map((round) => round.gateway - round.direct))
    const ratioOf = (round: typeof rounds[number]) => round.gatewayRate.perSecond / round.directRate.perSecond
    const ratio = median(rounds.map(ratioOf))
    const typical = rounds.find((round) => ratioOf(round) === ratio)!
    const cpuLine = (rate: Rate) => `CPU per call: client ${rate.cpuPerCallUs.client.toFixed(0)} µs, gateway ${rate.cpuPerCallUs.gateway.toFixed(0)} µs, fixture ${rate.cpuPerCallUs.fixture.toFixed(0)} µs`
    console.log(`MCP tool call, ${SEQUENTIAL_CALLS} one after the other, then ${CONCURRENCY} in flight for ${loadSettings.durationSeconds} s:`)
    console.log(`  direct to the fixture server     p50 ${median(rounds.map((round) => round.direct)).toFixed(3)} ms   ${typical.directRate.perSecond.toFixed(0)} calls/s   ${cpuLine(typical.directRate)}`)
    console.log(`  through the gateway              p50 ${median(rounds.map((round) => round.gateway)).toFixed(3)} ms   ${typical.gatewayRate.perSecond.toFixed(0)} calls/s   ${cpuLine(typical.gatewayRate)}`)
    const cpuBound = cpuPerCall(typical.directRate) / cpuPerCall(typical.gatewayRate)
    console.log(`  p50 overhead ${overhead.toFixed(3)} ms, throughput ratio ${ratio.toFixed(2)}; the ratio of the CPU each call costs all processes, direct / through the gateway, ${cpuBound.toFixed(2)}`)
    return [
      boundVerdict('gateway tool call p50 overhead', overhead, 'ms', { atMost: 1 }),
      ratioVerdict('gateway tool calls/s vs direct', `${typical.gatewayRate.perSecond.toFixed(0)} calls/s`, `${typical.directRate.perSecond.toFixed(0)} calls/s direct`, ratio, 0.7,
        `gateway ${typical.gatewayRate.cpuPerCallUs.gateway.toFixed(0)} µs CPU per call, fixture ${typical.directRate.cpuPerCallUs.fixture.toFixed(0)} µs; CPU ratio ${cpuBound.toFixed(2)}`)
    ]
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => {})))
    await Promise.all([app.stop(), fixture.stop()])
    await rm(workDir, { recursive: true, force: true })
  }
}

// Also runnable on its own: npx tsx bench/gateway.ts
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const verdicts = await benchGateway()
  console.log(`\n${table(verdicts)}`)
  process.exitCode = verdicts.every(({ met }) => met !== false) ? 0 : 1
}
