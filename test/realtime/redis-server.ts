import { execFileSync, spawn } from 'node:child_process'
import { join } from 'node:path'
import getPort from 'get-port'
import type { Test } from 'tap'
import { tempDir } from '../helper.js'

/** Whether Debian's redis-server is installed (.ci/run installs it). */
export function hasRedisServer (): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export interface RedisServer {
  url: string
  stop: () => Promise<void>
  /** Stops the server, to be started again on the same port. */
  halt: () => Promise<void>
  /** Starts a halted server again (empty: nothing is persisted). */
  resume: () => Promise<void>
}

/** A throw-away Redis on a loopback port with nothing persisted, for tests only. */
export async function startRedis (): Promise<RedisServer> {
  const port = await getPort({ host: '127.0.0.1' })
  let exited: Promise<void> = Promise.resolve()
  let server: ReturnType<typeof spawn> | undefined
  const launch = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] })
    server = child
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    await new Promise<void>((resolve, reject) => {
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)))
    })
    child.stdout.resume()
  }
  const halt = async () => {
    if (server?.exitCode === null) server.kill('SIGTERM')
    await exited
  }
  await launch()
  return { url: `redis://127.0.0.1:${port}`, stop: halt, halt, resume: launch }
}

/**
 * What several instances of one deployment share: a throw-away Redis (stopped when the test ends,
 * after the apps built later have closed their connections) and one database file.
 */
export async function sharedDeployment (t: Test): Promise<{ redis: RedisServer, env: Record<string, string> }> {
  const redis = await startRedis()
  t.teardown(redis.stop)
  return { redis, env: { REDIS_URL: redis.url, DATABASE_URL: `sqlite://${join(tempDir(t), 'shared.db')}` } }
}
