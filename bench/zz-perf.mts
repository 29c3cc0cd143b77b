import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { startApp, authorization } from './app-server.js'
import { startProcess } from './processes.js'
import { record } from './recorded.js'

const path = process.env.ROW ?? '/api/auth/me'
const headers = path.startsWith('/api') ? authorization : {}
const work = await mkdtemp(join(tmpdir(), 'perfab-'))
const app = await startApp(work, { bundledCatalogOnly: process.env.BIG !== '1', nodeFlags: ['--perf-basic-prof'] })
const answer = await record(app.url, { method: 'GET', path, headers })
console.log('answer', answer.status, Buffer.from(answer.body, 'base64').length, 'bytes')
await writeFile(join(work, 'answer.json'), JSON.stringify(answer))
const ceiling = await startProcess('bench/ceiling.ts', path, { env: { BENCH_ANSWER: join(work, 'answer.json') }, nodeFlags: ['--perf-basic-prof'] })
const load = (url: string, duration: number) => autocannon({ url: `${url}${path}`, headers, connections: 50, duration })
for (const [name, t] of [['ceiling', ceiling], ['app', app]] as const) {
  await load(t.url, 8)
  const perf = spawn('perf', ['record', '-F', '1999', '-g', '-p', String(t.pid), '-o', `/tmp/ab/${name}.data`, '--', 'sleep', '6'], { stdio: 'ignore' })
  const result = await load(t.url, 7)
  await new Promise((r) => perf.once('exit', r))
  console.log(name, result.requests.average, 'req/s')
}
await app.stop(); await ceiling.stop()
