import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { promisify } from 'node:util'
import { runCli } from '../cli/program.js'
import { projectRoot } from '../plugins/config.js'

const execFileAsync = promisify(execFile)

/**
 * Node arguments that run one of the project's TypeScript files under the same loader as this
 * test process. A child transpiled by another tool would report coverage for the same files with
 * different source maps, and merging the two corrupts the coverage report.
 */
export function typescriptArgs (file: string, args: string[] = []): string[] {
  return [...process.execArgv, join(projectRoot, file), ...args]
}

/** The loader's own settings (ts-node reads TS_NODE_*), to carry into a child's minimal environment. */
export function loaderEnv (): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('TS_NODE_') && entry[1] !== undefined))
}

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
