import { execFile } from 'node:child_process'
import type { ToolVersion } from '../../schemas/dev.js'

const VERSION_NUMBER = /\d+(?:\.\d+)+(?:[-+.][0-9A-Za-z.]+)?/

/**
 * Runs `command args` directly (no shell, so nothing in it is interpreted) with a timeout, and reads
 * the version from its first line of output. A missing, failing or hanging tool is reported as
 * unavailable with the reason, never thrown: one broken tool must not hide the others.
 */
export function probeVersion (command: string, args: string[], timeoutMs: number): Promise<ToolVersion> {
  const shown = [command, ...args].join(' ')
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const reason = error.killed ? `no answer within ${timeoutMs} ms` : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found on PATH' : error.message
        resolve({ available: false, version: null, command: shown, detail: reason })
        return
      }
      // Python 2 and some other tools print their version on stderr.
      const line = `${stdout}\n${stderr}`.split('\n').map((text) => text.trim()).find((text) => text !== '') ?? ''
      const version = VERSION_NUMBER.exec(line)?.[0] ?? null
      resolve({ available: version !== null, version, command: shown, detail: line })
    })
  })
}

/** The first candidate that answers with a version (python3, then python), else the first one's failure. */
export async function probeFirst (candidates: Array<[string, string[]]>, timeoutMs: number): Promise<ToolVersion> {
  let first: ToolVersion | undefined
  for (const [command, args] of candidates) {
    const result = await probeVersion(command, args, timeoutMs)
    if (result.available) return result
    first ??= result
  }
  return first!
}
