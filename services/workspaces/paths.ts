import { lstat, realpath } from 'node:fs/promises'
import { isAbsolute, join, sep, win32 } from 'node:path'
import {
  AccessDeniedError, DirectoryNotEmptyError, EntryExistsError, EntryNotFoundError, InvalidPathError,
  NotADirectoryError, NotAFileError, PathOutsideError
} from './errors.js'

/** A client's path inside a workspace, checked and split; `shown` is how errors and events name it. */
export interface WorkspacePath {
  segments: string[]
  shown: string
}

/**
 * Checks a client-supplied relative path before it touches the file system. Both slashes separate
 * segments (a Windows client's `src\app.ts` means a folder), so a `..` cannot hide behind either;
 * an empty path or `.` is the workspace root.
 */
export function parseWorkspacePath (path: string): WorkspacePath {
  const quoted = JSON.stringify(path)
  if (path.includes('\0')) throw new InvalidPathError(quoted, 'it contains a NUL byte')
  if (isAbsolute(path) || win32.isAbsolute(path)) throw new InvalidPathError(quoted, 'absolute paths are refused; give a path relative to the workspace')
  const segments = path.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.')
  if (segments.includes('..')) throw new InvalidPathError(quoted, "'..' segments are refused")
  return { segments, shown: segments.join('/') }
}

function isInside (root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + sep)
}

function hasCode (error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException).code ?? '')
}

/**
 * The real absolute path `path` names inside `root` (itself a real path), following symlinks, and
 * refusing any whose target lies outside. A path that does not exist yet (a file about to be written)
 * resolves through its deepest existing ancestor; a dangling symlink on the way is refused because
 * its target cannot be checked and writing through it could create a file anywhere.
 */
export async function resolveInside (root: string, path: WorkspacePath): Promise<string> {
  const whole = await realpath(join(root, ...path.segments)).catch((error: unknown) => {
    if (hasCode(error, 'ENOENT', 'ENOTDIR')) return undefined
    throw mapFsError(error, path.shown)
  })
  if (whole !== undefined) {
    if (!isInside(root, whole)) throw new PathOutsideError(path.shown)
    return whole
  }
  let current = root
  for (const [index, segment] of path.segments.entries()) {
    const next = join(current, segment)
    let real: string
    try {
      real = await realpath(next)
    } catch (error) {
      if (!hasCode(error, 'ENOENT', 'ENOTDIR')) throw mapFsError(error, path.shown)
      const danglingLink = await lstat(next).then((stats) => stats.isSymbolicLink(), () => false)
      if (danglingLink) throw new PathOutsideError(path.shown)
      return join(current, ...path.segments.slice(index))
    }
    if (!isInside(root, real)) throw new PathOutsideError(path.shown)
    current = real
  }
  return current
}

/**
 * The entry itself rather than what it points to: its folder is resolved (and must be inside), its
 * last segment is kept as is. Deleting or moving a symlink acts on the link, never on its target.
 */
export async function resolveEntry (root: string, path: WorkspacePath): Promise<string> {
  if (path.segments.length === 0) return root
  const folder = await resolveInside(root, { segments: path.segments.slice(0, -1), shown: path.shown })
  return join(folder, path.segments.at(-1) as string)
}

/** Relative `/`-separated path of an absolute one inside the root (for events and listings). */
export function relativeTo (root: string, absolute: string): string {
  return absolute === root ? '' : absolute.slice(root.length + 1).split(sep).join('/')
}

/** Turns a file-system error about `shown` into the client error it means; anything else stays a 500. */
export function mapFsError (error: unknown, shown: string): Error {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT': return new EntryNotFoundError(shown)
    case 'ENOTDIR': return new NotADirectoryError(shown)
    case 'EISDIR': return new NotAFileError(shown)
    case 'EEXIST': return new EntryExistsError(shown)
    case 'ENOTEMPTY': return new DirectoryNotEmptyError(shown)
    case 'EACCES': case 'EPERM': return new AccessDeniedError(shown)
    // O_NOFOLLOW met a symlink that appeared after resolution: someone swapped it in.
    case 'ELOOP': return new PathOutsideError(shown)
    case 'EINVAL': return new InvalidPathError(JSON.stringify(shown), 'a folder cannot move inside itself')
    default: return error as Error
  }
}
