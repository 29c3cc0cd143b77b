import { randomBytes } from 'node:crypto'
import { constants, type Stats } from 'node:fs'
import { lstat, mkdir, open, rename, rm, rmdir, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { EntryExistsError, EntryNotFoundError, FileTooLargeError, InvalidPathError, NotAFileError } from './errors.js'
import { mapFsError, resolveEntry, resolveInside, type WorkspacePath } from './paths.js'

/** Temporary files of atomic writes end with this; watchers and listings leave them out. */
export const TEMP_SUFFIX = '.podplay-tmp'

/** How far into a file the NUL-byte test looks (git's heuristic uses the same 8000 bytes). */
const BINARY_SNIFF_BYTES = 8000
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Binary: a NUL byte near the start, or bytes that are not UTF-8 text. */
export function isBinary (data: Buffer): boolean {
  if (data.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return true
  try {
    utf8.decode(data)
    return false
  } catch {
    return true
  }
}

export type ContentEncoding = 'utf8' | 'base64'

export interface FileContent {
  path: string
  size: number
  mtime: string
  binary: boolean
  /** The encoding of `content`; null when a binary file was read as text and nothing is returned. */
  encoding: ContentEncoding | null
  content: string | null
}

export interface WrittenFile {
  path: string
  size: number
  mtime: string
  created: boolean
}

async function lstatOrNull (path: string, shown: string): Promise<Stats | null> {
  try {
    return await lstat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw mapFsError(error, shown)
  }
}

/**
 * Reads a regular file of at most `maxBytes`. O_NOFOLLOW refuses a symlink swapped in after the
 * path was resolved; O_NONBLOCK keeps a FIFO from blocking the open (it is then refused as not a file).
 */
export async function readWorkspaceFile (root: string, path: WorkspacePath, options: { maxBytes: number, encoding: ContentEncoding }): Promise<FileContent> {
  const real = await resolveInside(root, path)
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
    .catch((error: unknown) => { throw mapFsError(error, path.shown) })
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new NotAFileError(path.shown)
    if (stats.size > options.maxBytes) throw new FileTooLargeError(path.shown, options.maxBytes)
    const data = await handle.readFile()
    // The file may have grown between stat and read.
    if (data.length > options.maxBytes) throw new FileTooLargeError(path.shown, options.maxBytes)
    const binary = isBinary(data)
    const withheld = binary && options.encoding === 'utf8'
    return {
      path: path.shown,
      size: data.length,
      mtime: stats.mtime.toISOString(),
      binary,
      encoding: withheld ? null : options.encoding,
      content: withheld ? null : data.toString(options.encoding)
    }
  } finally {
    await handle.close()
  }
}

/**
 * Writes a file atomically: the data goes to a temporary file beside the target, is flushed, and is
 * renamed over it, so a reader (or a crash) sees the old file or the new one, never half of one.
 * A rename replaces rather than follows, so the write lands on the resolved path and nowhere else.
 */
export async function writeWorkspaceFile (root: string, path: WorkspacePath, data: Buffer, options: { maxBytes: number }): Promise<WrittenFile> {
  if (path.segments.length === 0) throw new InvalidPathError('""', 'the workspace root is a directory')
  if (data.length > options.maxBytes) throw new FileTooLargeError(path.shown, options.maxBytes)
  const target = await resolveInside(root, path)
  const existing = await lstatOrNull(target, path.shown)
  if (existing && !existing.isFile()) throw new NotAFileError(path.shown)
  const folder = dirname(target)
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
  try {
    await mkdir(folder, { recursive: true })
    const handle = await open(temp, 'wx', 0o644)
    try {
      await handle.writeFile(data)
      if (existing) await handle.chmod(existing.mode & 0o7777)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw mapFsError(error, path.shown)
  }
  const stats = await lstat(target)
  return { path: path.shown, size: stats.size, mtime: stats.mtime.toISOString(), created: existing === null }
}

/** Deletes a file, a symlink (not its target) or a folder; a non-empty folder only when `recursive`. */
export async function deleteWorkspaceEntry (root: string, path: WorkspacePath, options: { recursive: boolean }): Promise<void> {
  if (path.segments.length === 0) throw new InvalidPathError('""', 'the workspace root cannot be deleted; delete the workspace instead')
  const entry = await resolveEntry(root, path)
  const stats = await lstatOrNull(entry, path.shown)
  if (!stats) throw new EntryNotFoundError(path.shown)
  try {
    if (!stats.isDirectory()) await unlink(entry)
    else if (options.recursive) await rm(entry, { recursive: true })
    else await rmdir(entry)
  } catch (error) {
    throw mapFsError(error, path.shown)
  }
}

/** Moves or renames an entry within the workspace, creating the destination's folders. */
export async function moveWorkspaceEntry (root: string, from: WorkspacePath, to: WorkspacePath, options: { overwrite: boolean }): Promise<void> {
  for (const path of [from, to]) {
    if (path.segments.length === 0) throw new InvalidPathError('""', 'the workspace root cannot be moved or replaced')
  }
  const source = await resolveEntry(root, from)
  const destination = await resolveEntry(root, to)
  if (!await lstatOrNull(source, from.shown)) throw new EntryNotFoundError(from.shown)
  if (!options.overwrite && await lstatOrNull(destination, to.shown)) throw new EntryExistsError(to.shown)
  try {
    await mkdir(dirname(destination), { recursive: true })
    await rename(source, destination)
  } catch (error) {
    throw mapFsError(error, to.shown)
  }
}
