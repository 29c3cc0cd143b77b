import { existsSync, readFileSync } from 'node:fs'
import { basename, isAbsolute } from 'node:path'
import { ShellNotAllowedError } from './errors.js'

/**
 * The shells a terminal may run: those the system lists in /etc/shells (the same list login and
 * chsh trust) that exist here. A terminal never runs an arbitrary program given by a client.
 */
export class ShellPolicy {
  readonly allowed: string[]
  readonly defaultShell: string

  constructor (shellsFile = '/etc/shells', preferred = process.env.SHELL) {
    const listed = existsSync(shellsFile)
      ? readFileSync(shellsFile, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('/'))
      : ['/bin/bash', '/bin/sh']
    this.allowed = [...new Set(listed)].filter((shell) => existsSync(shell))
    const candidates = [preferred, '/bin/bash', '/usr/bin/bash', '/bin/sh']
    const fallback = candidates.find((shell) => shell !== undefined && this.allowed.includes(shell))
    this.defaultShell = fallback ?? this.allowed[0] ?? '/bin/sh'
  }

  /** The absolute path for a requested shell (a path or a bare name such as `bash`). */
  resolve (requested: string | undefined): string {
    if (requested === undefined) return this.defaultShell
    const match = isAbsolute(requested)
      ? this.allowed.find((shell) => shell === requested)
      : this.allowed.find((shell) => basename(shell) === requested)
    if (!match) throw new ShellNotAllowedError(requested, this.allowed.map((shell) => basename(shell)).filter(unique).join(', '))
    return match
  }
}

function unique (value: string, index: number, all: string[]): boolean {
  return all.indexOf(value) === index
}

/** Service settings and secrets that must not leak into a shell a client can read `env` from. */
const SECRET_VARIABLE = /^(PODPLAY_|DATABASE_URL$|REDIS_URL$)|(_API_KEY|_TOKEN|_SECRET|_PASSWORD|_SECRET_KEY)$/i

/** The environment a terminal's shell starts with: the service's own, minus its secrets. */
export function shellEnvironment (source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && !SECRET_VARIABLE.test(key)) env[key] = value
  }
  env.TERM = 'xterm-256color'
  env.COLORTERM = 'truecolor'
  return env
}
