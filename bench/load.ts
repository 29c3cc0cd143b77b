import autocannon from 'autocannon'

export interface LoadResult {
  requestsPerSecond: number
  p99Ms: number
  non2xx: number
}

export const loadSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10)
}

/** Drives one URL with autocannon and reports mean requests/s and p99 latency. */
export async function measure (url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const result = await autocannon({ url, headers, connections: loadSettings.connections, duration: loadSettings.durationSeconds })
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx }
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
