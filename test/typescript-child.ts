import { join } from 'node:path'
import { projectRoot } from '../plugins/config.js'

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
