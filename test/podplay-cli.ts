import { execFile } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { promisify } from 'node:util'
import { runCli } from '../cli/program.js'
import { projectRoot } from '../plugins/config.js'
import { loaderEnv, typescriptArgs } from './typescript-child.js'

const execFileAsync = promisify(execFile)

export interface CommandResult { code: number, stdout: string, stderr: string }

function collected (): { stream: PassThrough, text: () => string } {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk: Buffer) => { text += chunk.toString() })
  return { stream, text: () => text }
}

/** Runs the podplay command line in this process, with only `env` as its environment. */
export async function podplay (env: Record<string, string>, ...args: string[]): Promise<CommandResult> {
  const stdout = collected()
  const stderr = collected()
  const code = await runCli(['node', 'podplay', ...args], { env, stdout: stdout.stream, stderr: stderr.stream })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

/** Runs the podplay command line as `npx podplay` would: its own process, with PATH and `env` only. */
export async function podplayProcess (env: Record<string, string>, ...args: string[]): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, typescriptArgs('cli.ts', args), {
      cwd: projectRoot,
      env: { ...loaderEnv(), PATH: process.env.PATH, ...env }
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as CommandResult
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}
