import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApp } from './app-server.js'
import { benchInstructions } from './callgrind.js'
import { benchDashboard } from './dashboard.js'
import { benchGateway } from './gateway.js'
import { benchRow, httpRows } from './http.js'
import { loadSettings } from './load.js'
import { startProcess } from './processes.js'
import { benchSearchInProcess, benchSearchOverHttp } from './search.js'
import { benchSockets } from './sockets.js'
import { table, type Verdict } from './verdict.js'

/**
 * `npm run bench`: every benchmark. HTTP rows are judged against a ceiling answering the same
 * bytes, measured in alternating rounds of the same run; latencies and socket figures against
 * their bounds. `npm run bench -- search http` runs the sections named, `BENCH_ROWS=health,304`
 * picks HTTP rows by a part of their name.
 */
const chosen = process.argv.slice(2)
const rowFilter = process.env.BENCH_ROWS?.split(',').map((part) => part.trim().toLowerCase())

async function benchHttp (workDir: string): Promise<Verdict[]> {
  const app = await startApp(join(workDir, 'http'))
  const helloWorld = await startProcess('bench/hello-world.ts', '/')
  try {
    // The latency first, while the app's result cache is as cold as after a start.
    const verdicts = rowFilter ? [] : await benchSearchOverHttp(app, helloWorld)
    for (const row of httpRows) {
      if (rowFilter && !rowFilter.some((part) => row.name.toLowerCase().includes(part))) continue
      verdicts.push(await benchRow(row, app, helloWorld, workDir))
    }
    return verdicts
  } finally {
    await Promise.all([app.stop(), helloWorld.stop()])
  }
}

const sections: Array<[string, (workDir: string) => Promise<Verdict[]>]> = [
  ['search', benchSearchInProcess],
  ['http', benchHttp],
  ['callgrind', benchInstructions],
  ['sockets', benchSockets],
  ['gateway', benchGateway],
  ['dashboard', benchDashboard]
]
const unknown = chosen.filter((name) => !sections.some(([section]) => section === name))
if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}; there are ${sections.map(([name]) => name).join(', ')}`)

console.log(`autocannon: ${loadSettings.connections} connections, ${loadSettings.durationSeconds} s per measurement, median of ${loadSettings.rounds} alternating rounds\n`)
const workDir = await mkdtemp(join(tmpdir(), 'podplay-bench-'))
const verdicts: Verdict[] = []
try {
  for (const [name, section] of sections) {
    if (chosen.length > 0 && !chosen.includes(name)) continue
    await mkdir(join(workDir, name, 'http'), { recursive: true })
    verdicts.push(...await section(join(workDir, name)))
  }
} finally {
  await rm(workDir, { recursive: true, force: true })
}

console.log(`\n${table(verdicts)}`)
process.exitCode = verdicts.every(({ met }) => met !== false) ? 0 : 1
