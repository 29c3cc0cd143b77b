import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import getPort from 'get-port'
import { projectRoot } from '../plugins/config.js'

export interface Target {
  url: string
  /** The server's own process id (under valgrind, valgrind's, which callgrind_control addresses). */
  pid: number
  stop: () => Promise<void>
}

export interface StartOptions {
  env?: Record<string, string>
  /** A command the server runs under, such as valgrind with its options. */
  wrapper?: string[]
  /** How long the server may take to answer its probe (valgrind makes start-up slow). */
  startTimeoutMs?: number
  /** Flags for node itself, such as --cpu-prof. */
  nodeFlags?: string[]
}

/**
 * `BENCH_PIN=1` pins every server to the second core and the load generator (this process) to the
 * first, so they do not take turns on one core; the figures then vary less from round to round.
 */
const pinned = process.env.BENCH_PIN === '1'
if (pinned) spawn('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' })

/**
 * Starts a TypeScript entry point in its own process (so the server under load never shares an
 * event loop with the load generator) on a free port, and waits until it answers `probePath` at all. It runs
 * as `node --import tsx`, one process, so valgrind or taskset can wrap node itself.
 */
export async function startProcess (entry: string, probePath: string, options: StartOptions = {}): Promise<Target> {
  const port = await getPort({ host: '127.0.0.1' })
  const node = [process.execPath, ...(options.nodeFlags ?? []), '--import', 'tsx', join(projectRoot, entry)]
  const command = [...(pinned ? ['taskset', '-c', '1'] : []), ...(options.wrapper ?? []), ...node]
  const child = spawn(command[0], command.slice(1), {
    cwd: projectRoot,
    // autoload needs telling that `node --import tsx` loads TypeScript.
    env: { ...process.env, FASTIFY_AUTOLOAD_TYPESCRIPT: '1', ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`))))
  exited.catch(() => {})
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000)
  const ready = (async () => {
    while (Date.now() < deadline) {
      const answered = await fetch(`${url}${probePath}`).then(() => true, () => false)
      if (answered) return
      await sleep(200)
    }
    throw new Error(`${entry} did not answer ${probePath} in time`)
  })()
  try {
    await Promise.race([ready, exited])
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return {
    url,
    pid: child.pid as number,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
}

/** The CPU time a process has used so far, in ms, from /proc (Linux: user and system clock ticks of 10 ms). */
export async function cpuTimeMs (pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /s, '').split(' ')
  // Counted from the state, stat's third field: utime and stime are its 14th and 15th.
  return (Number(fields[11]) + Number(fields[12])) * 10
}
