import { loadSettings, type Verdict } from './load.js'
import { benchHealth } from './health.js'
import { benchSearch } from './search.js'
import { benchGateway } from './gateway.js'
import { benchDashboard } from './dashboard.js'

/**
 * `npm run bench`: every benchmark, each a ratio against a baseline measured in the same run (or a
 * budget); `npm run bench -- dashboard` runs only the ones named.
 */
const all: Record<string, () => Promise<Verdict | Verdict[]>> = { health: benchHealth, search: benchSearch, gateway: benchGateway, dashboard: benchDashboard }
const chosen = process.argv.slice(2)
const unknown = chosen.filter((name) => !(name in all))
if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}; there are ${Object.keys(all).join(', ')}`)
const benchmarks = chosen.length > 0 ? chosen.map((name) => all[name]) : Object.values(all)

console.log(`autocannon: ${loadSettings.connections} connections, ${loadSettings.durationSeconds} s per measurement, median of ${loadSettings.rounds} alternating rounds\n`)
const verdicts: Verdict[] = []
for (const benchmark of benchmarks) verdicts.push(...[await benchmark()].flat())

console.log('')
for (const { name, ratio, target } of verdicts) {
  console.log(`${ratio >= target ? 'PASS' : 'FAIL'}  ${name}: ${ratio.toFixed(2)} (target ≥ ${target})`)
}
process.exitCode = verdicts.every(({ ratio, target }) => ratio >= target) ? 0 : 1
