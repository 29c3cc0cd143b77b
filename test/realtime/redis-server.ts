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

/** A throw-away Redis on a loopback port with nothing persisted, for tests only. */
export async function startRedis (): Promise<{ url: string, stop: () => Promise<void> }> {
  const port = await getPort({ host: '127.0.0.1' })
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    let output = ''
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve()
    })
    server.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)))
  })
  server.stdout.resume()
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (server.exitCode === null) server.kill('SIGTERM')
      await exited
    }
  }
}
