import { Type, type Static } from '@sinclair/typebox'
import { Cursor, Limit, Page } from './common.js'

export const Workspace = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created_at: Type.String({ format: 'date-time' })
}, { $id: 'Workspace', title: 'Workspace' })
export type Workspace = Static<typeof Workspace>

export const WorkspacePage = Page(Type.Ref(Workspace), 'WorkspacePage')

export const WorkspaceListQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) })

export const CreateWorkspaceBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f\\x7f]+$', description: 'unique among your workspaces; no control characters' })
}, { additionalProperties: false })

export const WorkspaceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

/** A path relative to the workspace root, `/`-separated; `..`, absolute paths and NUL bytes are refused. */
const RelativePath = (description: string) => Type.String({ maxLength: 4096, description })

export const TreeQuery = Type.Object({
  path: Type.String({ maxLength: 4096, default: '', description: 'the folder to list; empty for the root' }),
  depth: Type.Integer({ minimum: 1, maximum: 20, default: 1, description: 'how many levels below the folder to list' }),
  include_ignored: Type.Boolean({ default: false, description: 'also list node_modules and .git' })
})

export const TreeEntry = Type.Object({
  path: Type.String(),
  name: Type.String(),
  type: Type.Union([Type.Literal('file'), Type.Literal('directory'), Type.Literal('symlink'), Type.Literal('other')]),
  size: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'bytes, for files' }),
  mtime: Type.String({ format: 'date-time' }),
  depth: Type.Integer({ minimum: 1, description: '1 for the listed folder\'s own children' })
}, { title: 'TreeEntry' })

export const WorkspaceTree = Type.Object({
  path: Type.String(),
  entries: Type.Array(TreeEntry, { description: 'depth-first, folders before files; symlinks are listed, not followed' }),
  truncated: Type.Boolean({ description: 'true when the entry cap cut the listing short' })
}, { title: 'WorkspaceTree' })

export const ContentEncoding = Type.Union([Type.Literal('utf8'), Type.Literal('base64')])

export const FileQuery = Type.Object({
  path: RelativePath('the file'),
  encoding: Type.Union(ContentEncoding.anyOf, { default: 'utf8', description: 'utf8 withholds binary content; base64 returns any file' })
})

export const FileContent = Type.Object({
  path: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  mtime: Type.String({ format: 'date-time' }),
  binary: Type.Boolean(),
  encoding: Type.Union([...ContentEncoding.anyOf, Type.Null()], { description: 'null when a binary file was asked for as utf8' }),
  content: Type.Union([Type.String(), Type.Null()])
}, { title: 'FileContent' })

export const WriteFileQuery = Type.Object({ path: RelativePath('the file to create or replace; missing folders are created') })

export const WriteFileBody = Type.Object({
  content: Type.String(),
  encoding: Type.Union(ContentEncoding.anyOf, { default: 'utf8', description: 'how content is encoded; base64 for binary files' })
}, { additionalProperties: false })

export const WrittenFile = Type.Object({
  path: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  mtime: Type.String({ format: 'date-time' }),
  created: Type.Boolean({ description: 'false when an existing file was replaced' })
}, { title: 'WrittenFile' })

export const DeleteFileQuery = Type.Object({
  path: RelativePath('the file, symlink or folder to delete'),
  recursive: Type.Boolean({ default: false, description: 'needed to delete a folder that is not empty' })
})

export const MoveBody = Type.Object({
  from: RelativePath('the entry to move'),
  to: RelativePath('its new path; missing folders are created'),
  overwrite: Type.Boolean({ default: false, description: 'replace an existing entry at `to`' })
}, { additionalProperties: false })

export const MoveResult = Type.Object({ from: Type.String(), to: Type.String() }, { title: 'MoveResult' })

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200, description: 'literal text, matched case-insensitively' }),
  path: Type.String({ maxLength: 4096, default: '', description: 'the folder to search; empty for the root' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'at most this many matches (never above the server cap)' }))
})

export const SearchResult = Type.Object({
  query: Type.String(),
  matches: Type.Array(Type.Object({
    path: Type.String(),
    line: Type.Integer({ minimum: 1 }),
    column: Type.Integer({ minimum: 1 }),
    preview: Type.String()
  })),
  truncated: Type.Boolean({ description: 'true when the result cap stopped the search' }),
  files_scanned: Type.Integer({ minimum: 0 })
}, { title: 'SearchResult' })

/** workspace_subscribe / workspace_unsubscribe, and their confirmations. */
export const WorkspaceSubscription = Type.Object({
  workspace_id: Type.String({ minLength: 1, maxLength: 64 })
}, { $id: 'WorkspaceSubscription', title: 'WorkspaceSubscription' })

export const WorkspaceChange = Type.Object({
  workspace_id: Type.String(),
  type: Type.Union(['add', 'change', 'unlink', 'addDir', 'unlinkDir'].map((type) => Type.Literal(type))),
  path: Type.String({ description: 'relative to the workspace root' }),
  size: Type.Optional(Type.Integer({ minimum: 0, description: 'bytes, for files that exist' })),
  mtime: Type.Optional(Type.String({ format: 'date-time' }))
}, { $id: 'WorkspaceChange', title: 'WorkspaceChange', description: 'changes to one path within a short window, coalesced; never contents' })
export type WorkspaceChange = Static<typeof WorkspaceChange>
