import { execFile, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import getPort from 'get-port'

const run = promisify(execFile)

/** The newest PostgreSQL server binaries Debian installed, if any. */
export function postgresBin (): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a)).find((name) => existsSync(join(root, name, 'bin', 'initdb')))
  return version ? join(root, version, 'bin') : undefined
}

export interface PostgresServer {
  url: string
  /** Stops the server (a fast shutdown, as an operator's would be) and removes the cluster. */
  stop: () => Promise<void>
  /** Stops the server and keeps the cluster, to be started again on the same port. */
  halt: () => Promise<void>
  /** Starts a halted server again. */
  resume: () => Promise<void>
}

/**
 * A throw-away PostgreSQL cluster on a loopback port, for tests only. PostgreSQL refuses to run as
 * root, so under root it runs as the `postgres` user that Debian's package creates.
 */
export async function startPostgres (bin: string, options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'podplay-pg-'))
  const user = userInfo().uid === 0
    ? { uid: Number((await run('id', ['-u', 'postgres'])).stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) }
    : {}
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!)
  const data = join(dir, 'data')
  await run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'podplay', '--no-sync'], { ...user, cwd: dir })
  // A free port: a random one may be another test run's cluster, stopped under this one's feet.
  const port = await getPort({ host: '127.0.0.1' })
  // fsync off unless a test needs what a crash leaves on disk to be what was acknowledged.
  const args = ['-D', data, '-p', String(port), '-k', dir, '-h', '127.0.0.1', '-c', `fsync=${options.fsync ? 'on' : 'off'}`]

  let exited: Promise<void> = Promise.resolve()
  let server: ReturnType<typeof spawn> | undefined
  const launch = async () => {
    const child = spawn(join(bin, 'postgres'), args, { ...user, cwd: dir, stdio: 'ignore' })
    server = child
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    for (let attempt = 0; ; attempt++) {
      try {
        await run(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)])
        return
      } catch (error) {
        if (attempt > 100 || child.exitCode !== null) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  }
  const halt = async () => {
    if (server?.exitCode === null) server.kill('SIGINT')
    await exited
  }
  await launch()
  return {
    url: `postgres://podplay@127.0.0.1:${port}/postgres`,
    halt,
    resume: launch,
    stop: async () => {
      await halt()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
