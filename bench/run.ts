import { loadSettings, type Verdict } from './load.js'
import { benchHealth } from './health.js'
import { benchSearch } from './search.js'
import { benchGateway } from './gateway.js'

/** `npm run bench`: every benchmark, each a ratio against a baseline measured in the same run. */
const benchmarks: Array<() => Promise<Verdict | Verdict[]>> = [benchHealth, benchSearch, benchGateway]

console.log(`autocannon: ${loadSettings.connections} connections, ${loadSettings.durationSeconds} s per measurement, median of ${loadSettings.rounds} alternating rounds\n`)
const verdicts: Verdict[] = []
for (const benchmark of benchmarks) verdicts.push(...[await benchmark()].flat())

console.log('')
for (const { name, ratio, target } of verdicts) {
  console.log(`${ratio >= target ? 'PASS' : 'FAIL'}  ${name}: ${ratio.toFixed(2)} (target ≥ ${target})`)
}
process.exitCode = verdicts.every(({ ratio, target }) => ratio >= target) ? 0 : 1
