import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compare, report, type Verdict } from './load.js'
import { startProcess } from './processes.js'

/**
 * GET /health of the real app (every plugin loaded, the way `npm start` runs it) against a bare
 * Fastify hello-world, one after the other in the same run. Target: at least 0.9 of the baseline.
 */
export async function benchHealth (): Promise<Verdict> {
  const dataDir = await mkdtemp(join(tmpdir(), 'podplay-bench-'))
  const baseline = await startProcess('bench/hello-world.ts', '/')
  const app = await startProcess('server.ts', '/health/live', { PODPLAY_DATA_DIR: dataDir, PODPLAY_ADMIN_TOKEN: 'pps_bench-admin-token-000000', LOG_LEVEL: 'warn' })
  try {
    const { baseline: bare, target: health, ratio } = await compare(baseline.url, `${app.url}/health`)
    console.log(report('bare Fastify hello-world', bare))
    console.log(report('GET /health (full app)', health))
    return { name: 'GET /health vs hello-world', ratio, target: 0.9 }
  } finally {
    await Promise.all([baseline.stop(), app.stop()])
    await rm(dataDir, { recursive: true, force: true })
  }
}
