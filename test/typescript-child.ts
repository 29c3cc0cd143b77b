import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
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

/** Runs the podplay command line as `npx podplay` would, with only PATH and `env` in its environment. */
export async function podplay (env: Record<string, string>, ...args: string[]): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, typescriptArgs('cli.ts', args), {
      cwd: projectRoot,
      env: { ...loaderEnv(), PATH: process.env.PATH, ...env },
      maxBuffer: 10 * 1024 * 1024
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as CommandResult
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}
