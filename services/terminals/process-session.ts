import { readdir, readFile } from 'node:fs/promises'

/**
 * The processes still in a terminal's session (whose session id is the shell's pid), read from
 * Linux's /proc; elsewhere, none are found and only the shell's process group is signalled.
 * A job that ignores the hang-up (`nohup`, `trap '' HUP`) stays in the session, so this finds it.
 */
export async function sessionMembers (sessionId: number): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[])
  const members = await Promise.all(entries.filter((entry) => /^\d+$/.test(entry)).map(async (entry) => {
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[3]) === sessionId ? Number(entry) : undefined
  }))
  return members.filter((pid): pid is number => pid !== undefined)
}

/** SIGKILLs whatever is left of a session once its shell is gone. */
export async function killSession (sessionId: number): Promise<void> {
  for (const pid of await sessionMembers(sessionId)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // It exited meanwhile.
    }
  }
}
