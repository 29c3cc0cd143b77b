import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { authorization } from './app-server.js'
import { median, rounds, type LoadResult } from './load.js'
import { startProcess, type Target } from './processes.js'
import { record, type RowRequest } from './recorded.js'
import { ratioVerdict, type Verdict } from './verdict.js'

export interface HttpRow {
  name: string
  request: RowRequest
  /** app / ceiling, median of the rounds; none for a row only reported. */
  target?: number
  /** Runs before the row is recorded: creates what it reads, or finds its validator. */
  prepare?: (app: Target) => Promise<RowRequest | undefined>
}

const SEARCH_PAGE = '/api/mcp/servers?query=database&limit=20'

async function etagOf (app: Target, path: string): Promise<string> {
  const answer = await record(app.url, { method: 'GET', path, headers: authorization })
  if (!answer.headers.etag) throw new Error(`${path} sent no ETag`)
  return answer.headers.etag
}

const conditional = (path: string) => async (app: Target): Promise<RowRequest> =>
  ({ method: 'GET', path, headers: { ...authorization, 'if-none-match': await etagOf(app, path) } })

/** The rows of issue #14, then the conditional and compressed reads. */
export const httpRows: HttpRow[] = [
  { name: 'GET /health', request: { method: 'GET', path: '/health' }, target: 0.9 },
  { name: 'GET /api/auth/me', request: { method: 'GET', path: '/api/auth/me', headers: authorization }, target: 0.75 },
  { name: 'GET /api/mcp/servers/github', request: { method: 'GET', path: '/api/mcp/servers/github', headers: authorization }, target: 0.7 },
  { name: 'search "database", 10,000 servers', request: { method: 'GET', path: SEARCH_PAGE, headers: authorization }, target: 0.6 },
  {
    name: 'GET /api/chat/conversations',
    request: { method: 'GET', path: '/api/chat/conversations', headers: authorization },
    // A full first page to list.
    prepare: async (app) => {
      for (let chat = 0; chat < 20; chat++) await record(app.url, { method: 'POST', path: '/api/chat', headers: authorization, body: JSON.stringify({ message: `hello number ${chat}` }) })
      return undefined
    }
  },
  { name: 'POST /api/chat (embedded)', request: { method: 'POST', path: '/api/chat', headers: authorization, body: JSON.stringify({ message: 'hello' }) } },
  { name: 'GET /api/mcp/servers/github, If-None-Match → 304', request: { method: 'GET', path: '/api/mcp/servers/github' }, prepare: conditional('/api/mcp/servers/github') },
  { name: 'search page, If-None-Match → 304', request: { method: 'GET', path: SEARCH_PAGE }, prepare: conditional(SEARCH_PAGE) },
  { name: 'GET /api/mcp/categories, If-None-Match → 304', request: { method: 'GET', path: '/api/mcp/categories' }, prepare: conditional('/api/mcp/categories') },
  { name: 'search page, gzip', request: { method: 'GET', path: SEARCH_PAGE, headers: { ...authorization, 'accept-encoding': 'gzip' } } },
  { name: 'search page, br', request: { method: 'GET', path: SEARCH_PAGE, headers: { ...authorization, 'accept-encoding': 'br' } } }
]

function describe (result: LoadResult): string {
  return `${result.requestsPerSecond.toFixed(0)} req/s (p99 ${result.p99Ms} ms)${result.unexpected ? `, ${result.unexpected} unexpected answers!` : ''}`
}

/**
 * One row: its answer recorded from the app, a ceiling process answering those very bytes, then
 * ceiling, app and hello-world in alternating rounds. The judged figure is the median over the
 * rounds of app / ceiling; a round with an unexpected answer counts as 0.
 */
export async function benchRow (row: HttpRow, app: Target, helloWorld: Target, workDir: string): Promise<Verdict> {
  const request = (await row.prepare?.(app)) ?? row.request
  const answer = await record(app.url, request)
  const answerFile = join(workDir, `answer-${Date.now()}.json`)
  await writeFile(answerFile, JSON.stringify(answer))
  const ceiling = await startProcess('bench/ceiling.ts', request.path, { env: { BENCH_ANSWER: answerFile } })
  try {
    const measured = await rounds([
      { name: 'ceiling', url: ceiling.url, request, expectedStatus: answer.status },
      { name: 'app', url: app.url, request, expectedStatus: answer.status },
      { name: 'hello-world', url: helloWorld.url, request: { method: 'GET', path: '/' } }
    ])
    const ratios = measured.map(([ceilingResult, appResult]) => appResult.unexpected > 0 ? 0 : appResult.requestsPerSecond / ceilingResult.requestsPerSecond)
    const ratio = median(ratios)
    const [ceilingResult, appResult, hello] = measured[ratios.indexOf(ratio)]
    const bytes = Buffer.from(answer.body, 'base64').length
    console.log(`${row.name} (${answer.status}, ${bytes} bytes): app ${describe(appResult)}, ceiling ${describe(ceilingResult)}, hello-world ${describe(hello)}; app/ceiling by round ${ratios.map((value) => value.toFixed(2)).join(' ')}`)
    return ratioVerdict(row.name, `${appResult.requestsPerSecond.toFixed(0)} req/s`, `${ceilingResult.requestsPerSecond.toFixed(0)} req/s`, ratio, row.target,
      `${answer.status}, ${bytes} B; hello-world ${hello.requestsPerSecond.toFixed(0)} req/s (app/hello ${(appResult.requestsPerSecond / hello.requestsPerSecond).toFixed(2)})`)
  } finally {
    await ceiling.stop()
  }
}
