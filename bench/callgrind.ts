import { execFile } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import autocannon from 'autocannon'
import { authorization, startApp } from './app-server.js'
import { startProcess, type Target } from './processes.js'
import { record, type RowRequest } from './recorded.js'
import type { Verdict } from './verdict.js'

const execFileAsync = promisify(execFile)
/**
 * vgdb names its pipes after LOGNAME and HOST, so callgrind_control must see the ones the server
 * runs with; HOST is the server's own listening address (processes.ts sets it).
 */
const vgdbEnv = { ...process.env, LOGNAME: process.env.LOGNAME ?? 'podplay-bench', HOST: '127.0.0.1' }
const run = (command: string, args: string[]) => execFileAsync(command, args, { env: vgdbEnv })
const WARM_UP_REQUESTS = Number(process.env.BENCH_CALLGRIND_WARMUP ?? 20000)
const COUNTED_REQUESTS = Number(process.env.BENCH_CALLGRIND_REQUESTS ?? 5000)

interface Instructions {
  /** Per request, on the thread that runs JavaScript. */
  main: number
  /** Per request, every thread (V8's compiler and garbage collector threads too). */
  all: number
}

async function send (target: Target, request: RowRequest, amount: number): Promise<void> {
  // Under valgrind a garbage collection can stall the server for seconds.
  const result = await autocannon({ url: `${target.url}${request.path}`, method: request.method, headers: request.headers, connections: 10, amount, timeout: 120 })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${request.path}: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors under callgrind`)
}

/** Instructions counted since the last zeroing, by thread: dumps the counters and reads the new files. */
async function dumpTotals (target: Target, dumps: string): Promise<{ main: number, all: number }> {
  const before = await dumpFiles(dumps, target.pid)
  await run('callgrind_control', ['--dump', String(target.pid)])
  // The dump is written when valgrind next looks at its commands: wait for the new files.
  let files: string[] = []
  while (files.length === 0) {
    await sleep(250)
    files = (await dumpFiles(dumps, target.pid)).filter((file) => !before.includes(file))
  }
  await sleep(500)
  files = (await dumpFiles(dumps, target.pid)).filter((file) => !before.includes(file))
  let main = 0
  let all = 0
  for (const file of files) {
    const total = Number(/^totals: (\d+)/m.exec(await readFile(join(dumps, file), 'utf8'))?.[1] ?? 0)
    all += total
    if (file.endsWith('-01')) main = total
  }
  return { main, all }
}

/**
 * Instructions per request under callgrind, which counts the same whatever else the machine does.
 * The server starts with instrumentation off (fast) and is warmed up so the JIT has compiled the
 * hot path; instrumentation is then switched on, the counters zeroed after a settling run, and the
 * counted requests dumped. The server's own timers (catalog refresh, samplers) run meanwhile: an
 * idle window of the same length is counted next and taken off.
 */
async function count (target: Target, request: RowRequest, dumps: string): Promise<Instructions> {
  await send(target, request, WARM_UP_REQUESTS)
  await run('callgrind_control', ['--instr=on', String(target.pid)])
  await send(target, request, Math.ceil(COUNTED_REQUESTS / 4))
  await run('callgrind_control', ['--zero', String(target.pid)])
  const started = performance.now()
  await send(target, request, COUNTED_REQUESTS)
  const window = performance.now() - started
  const loaded = await dumpTotals(target, dumps)
  await run('callgrind_control', ['--zero', String(target.pid)])
  await sleep(window)
  const idle = await dumpTotals(target, dumps)
  await run('callgrind_control', ['--instr=off', String(target.pid)])
  return { main: (loaded.main - idle.main) / COUNTED_REQUESTS, all: (loaded.all - idle.all) / COUNTED_REQUESTS }
}

/** Dump files of one process: cg.PID.N-THREAD. */
async function dumpFiles (dumps: string, pid: number): Promise<string[]> {
  return (await readdir(dumps)).filter((name) => name.startsWith(`cg.${pid}.`) && name.includes('-'))
}

const valgrind = (dumps: string) => ['env', `LOGNAME=${vgdbEnv.LOGNAME}`, 'valgrind', '--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${join(dumps, 'cg.%p')}`]

const rows: Array<{ name: string, request: RowRequest }> = [
  { name: 'GET /health', request: { method: 'GET', path: '/health' } },
  { name: 'GET /api/auth/me', request: { method: 'GET', path: '/api/auth/me', headers: authorization } }
]

const thousands = (value: number) => `${(value / 1000).toFixed(1)} k`

/** Instructions per request of the app's cheapest rows and of their same-bytes ceilings, under callgrind. */
export async function benchInstructions (workDir: string): Promise<Verdict[]> {
  const available = await run('valgrind', ['--version']).then(() => true, () => false)
  if (!available) {
    console.log('valgrind is not installed: no instruction counts')
    return []
  }
  const verdicts: Verdict[] = []
  // Without load shedding: under valgrind whole sampling windows pass without an event-loop sample,
  // which under-pressure reads as an infinite delay (503). Its check is one comparison a request.
  const app = await startApp(workDir, { wrapper: valgrind(workDir), startTimeoutMs: 600_000, bundledCatalogOnly: true, env: { PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '0' } })
  try {
    for (const row of rows) {
      const answer = await record(app.url, row.request)
      if (answer.status !== 200) throw new Error(`${row.name} answered ${answer.status} under callgrind`)
      const answerFile = join(workDir, `callgrind-answer-${Date.now()}.json`)
      await writeFile(answerFile, JSON.stringify(answer))
      const ceiling = await startProcess('bench/ceiling.ts', row.request.path, { env: { BENCH_ANSWER: answerFile }, wrapper: valgrind(workDir), startTimeoutMs: 600_000 })
      try {
        const ceilingCount = await count(ceiling, row.request, workDir)
        const appCount = await count(app, row.request, workDir)
        console.log(`${row.name} under callgrind, instructions per request: app ${thousands(appCount.main)} on the main thread (${thousands(appCount.all)} all threads), ceiling ${thousands(ceilingCount.main)} (${thousands(ceilingCount.all)})`)
        verdicts.push({
          name: `${row.name}, instructions per request`,
          figure: thousands(appCount.main),
          ceiling: thousands(ceilingCount.main),
          ratio: ceilingCount.main / appCount.main,
          note: `main thread; all threads: app ${thousands(appCount.all)}, ceiling ${thousands(ceilingCount.all)}; ratio is ceiling/app`
        })
      } finally {
        await ceiling.stop()
      }
    }
  } finally {
    await app.stop()
  }
  return verdicts
}
