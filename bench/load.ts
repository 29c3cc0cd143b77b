import autocannon from 'autocannon'
import type { RowRequest } from './recorded.js'

export interface LoadResult {
  requestsPerSecond: number
  p99Ms: number
  /** Answers with another status class than the one expected. */
  unexpected: number
}

export const loadSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 5),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3)
}

const statusClasses = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const

/** Drives one URL with autocannon and reports mean requests/s, p99 latency and unexpected answers. */
export async function measure (baseUrl: string, row: RowRequest, expectedStatus = 200): Promise<LoadResult> {
  const result = await autocannon({
    url: `${baseUrl}${row.path}`,
    method: row.method,
    headers: { ...row.headers, ...(row.body ? { 'content-type': 'application/json' } : {}) },
    body: row.body,
    connections: loadSettings.connections,
    duration: loadSettings.durationSeconds
  })
  const expected = result[statusClasses[Math.floor(expectedStatus / 100) - 1]]
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, unexpected: result.requests.total - expected + result.errors }
}

export function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

export interface Contender {
  name: string
  url: string
  request: RowRequest
  expectedStatus?: number
}

/**
 * Measures every contender once to warm it up, then in rounds, the order reversed every other round
 * so a slow drift of the machine favours none. Returns each round's results, contender by contender.
 */
export async function rounds (contenders: Contender[]): Promise<LoadResult[][]> {
  for (const contender of contenders) await measure(contender.url, contender.request, contender.expectedStatus)
  const results: LoadResult[][] = []
  for (let round = 0; round < loadSettings.rounds; round++) {
    const order = round % 2 === 0 ? contenders.map((_, index) => index) : contenders.map((_, index) => contenders.length - 1 - index)
    const measured: LoadResult[] = []
    for (const index of order) measured[index] = await measure(contenders[index].url, contenders[index].request, contenders[index].expectedStatus)
    results.push(measured)
  }
  return results
}
