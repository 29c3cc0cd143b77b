import { execFileSync, spawn } from 'node:child_process'
import getPort from 'get-port'

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
