import { spawn } from 'node:child_process'
import { projectRoot } from '../plugins/config.js'
import { loaderEnv, typescriptArgs } from './typescript-child.js'

export interface ServerProcess {
  url: Promise<string>
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>
  output: () => string
  exit: Promise<number | null>
  kill: (signal: NodeJS.Signals) => void
}

/** Runs server.ts as a real child process on a free port, with a minimal environment plus `env`. */
export function startServer (env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, typescriptArgs('server.ts'), {
    cwd: projectRoot,
    // Load shedding off: a busy test machine must not turn these requests into 503s.
    env: { ...loaderEnv(), PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  // Registered before any waitFor listener, so a listener always sees the chunk that woke it.
  const collect = (chunk: Buffer) => { output += chunk.toString() }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  /** The first match of a pattern in the output so far or to come; rejected if the process ends first. */
  const waitFor = (pattern: RegExp) => new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output)
      if (match) resolve(match)
      return match
    }
    if (check()) return
    const onData = () => {
      if (!check()) return
      child.stdout.off('data', onData)
      child.stderr.off('data', onData)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', () => reject(new Error(`server exited before printing ${pattern}:\n${output}`)))
  })
  const url = waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/).then((match) => match[1])
  url.catch(() => {})
  return { url, waitFor, output: () => output, exit: exited, kill: (signal) => { if (child.exitCode === null) child.kill(signal) } }
}
