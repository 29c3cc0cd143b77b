import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import getPort from 'get-port'
import { projectRoot } from '../plugins/config.js'

export interface Target {
  url: string
  stop: () => Promise<void>
}

const tsxCli = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')

/**
 * Starts a TypeScript entry point in its own process (so the server under load never shares an
 * event loop with the load generator) on a free port, and waits until `probePath` answers.
 */
export async function startProcess (entry: string, probePath: string, env: Record<string, string> = {}): Promise<Target> {
  const port = await getPort({ host: '127.0.0.1' })
  const child = spawn(process.execPath, [tsxCli, join(projectRoot, entry)], {
    cwd: projectRoot,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`))))
  exited.catch(() => {})
  const url = `http://127.0.0.1:${port}`
  const ready = (async () => {
    for (;;) {
      const answered = await fetch(`${url}${probePath}`).then((response) => response.ok, () => false)
      if (answered) return
      await sleep(100)
    }
  })()
  await Promise.race([ready, exited])
  return {
    url,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
}
