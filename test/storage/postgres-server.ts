import { execFile, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The newest PostgreSQL server binaries Debian installed, if any. */
export function postgresBin (): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a)).find((name) => existsSync(join(root, name, 'bin', 'initdb')))
  return version ? join(root, version, 'bin') : undefined
}

/**
 * A throw-away PostgreSQL cluster on a loopback port, for tests only. PostgreSQL refuses to run as
 * root, so under root it runs as the `postgres` user that Debian's package creates.
 */
export async function startPostgres (bin: string): Promise<{ url: string, stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'podplay-pg-'))
  const user = userInfo().uid === 0
    ? { uid: Number((await run('id', ['-u', 'postgres'])).stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) }
    : {}
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!)
  const data = join(dir, 'data')
  await run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'podplay', '--no-sync'], { ...user, cwd: dir })
  const port = 20000 + Math.floor(Math.random() * 20000)
  const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-h', '127.0.0.1', '-c', 'fsync=off'], { ...user, cwd: dir, stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  const url = `postgres://podplay@127.0.0.1:${port}/postgres`
  for (let attempt = 0; ; attempt++) {
    try {
      await run(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)])
      break
    } catch (error) {
      if (attempt > 100 || server.exitCode !== null) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return {
    url,
    stop: async () => {
      server.kill('SIGINT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
