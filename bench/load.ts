import autocannon from 'autocannon'

export interface LoadResult {
  requestsPerSecond: number
  p99Ms: number
  non2xx: number
}

export const loadSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 5),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3)
}

/** Drives one URL with autocannon and reports mean requests/s and p99 latency. */
export async function measure (url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const result = await autocannon({ url, headers, connections: loadSettings.connections, duration: loadSettings.durationSeconds })
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx }
}

export interface Comparison {
  baseline: LoadResult
  target: LoadResult
  /** The median over the rounds of target / baseline requests per second. */
  ratio: number
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Measures the baseline and the target in alternation, after one warm-up of each, and keeps the
 * median round: a loaded or noisy machine slows both sides of a round alike, and the median drops
 * the round where it did not.
 */
export async function compare (baselineUrl: string, targetUrl: string, headers: Record<string, string> = {}): Promise<Comparison> {
  await measure(baselineUrl)
  await measure(targetUrl, headers)
  const rounds: Array<{ baseline: LoadResult, target: LoadResult, ratio: number }> = []
  for (let round = 0; round < loadSettings.rounds; round++) {
    const baseline = await measure(baselineUrl)
    const target = await measure(targetUrl, headers)
    rounds.push({ baseline, target, ratio: target.non2xx > 0 ? 0 : target.requestsPerSecond / baseline.requestsPerSecond })
  }
  const middle = median(rounds.map(({ ratio }) => ratio))
  return rounds.find(({ ratio }) => ratio === middle)!
}

export function report (name: string, result: LoadResult): string {
  return `${name.padEnd(34)} ${result.requestsPerSecond.toFixed(0).padStart(8)} req/s   p99 ${String(result.p99Ms).padStart(4)} ms${result.non2xx ? `   (${result.non2xx} non-2xx!)` : ''}`
}

/** A benchmark outcome: the measured ratio against its target, printed and checked by bench/run.ts. */
export interface Verdict {
  name: string
  ratio: number
  target: number
}
