import { posix } from 'node:path'
import {
  cargoDependencies, composeImages, gitRemoteHosts, goModRequires, normaliseImage, normalisePythonName,
  packageJsonDependencies, pyprojectDependencies, requirementsTxtDependencies
} from './parsers.js'
import { signalMap, type ServerSignals } from './signal-map.js'

export type SignalKind = Exclude<keyof ServerSignals, 'server'>

/** Something found in a workspace: what kind, the value to match, where, and a sentence for people. */
export interface Signal {
  kind: SignalKind
  value: string
  file: string
  detail: string
}

/** How the discovery agent sees a workspace; implemented over the workspaces service. */
export interface ProjectSource {
  /** A text file's content, or null when it is absent, binary or too large. */
  readText: (path: string) => Promise<string | null>
  /** Whether a file or folder exists. */
  exists: (path: string) => Promise<boolean>
  /** The root's subfolders (node_modules and .git left out): each may be a project of a monorepo. */
  subfolders: () => Promise<string[]>
}

interface ManifestReader {
  kind: SignalKind
  read: (text: string) => Array<{ value: string, detail: (file: string) => string }>
}

const dependsOn = (kind: SignalKind, verb: string, names: (text: string) => string[]): ManifestReader => ({
  kind,
  read: (text) => names(text).map((name) => ({ value: name, detail: (file) => `${file} ${verb} ${name}` }))
})

const requirements = dependsOn('pypi', 'requires', requirementsTxtDependencies)
const compose: ManifestReader = {
  kind: 'images',
  read: (text) => composeImages(text).map((image) => ({ value: normaliseImage(image), detail: (file) => `${file} runs the ${image} image` }))
}

/** The manifests read in every project folder, by file name. */
const manifestReaders: Record<string, ManifestReader> = {
  'package.json': dependsOn('npm', 'depends on', packageJsonDependencies),
  'requirements.txt': requirements,
  'requirements-dev.txt': requirements,
  'pyproject.toml': dependsOn('pypi', 'requires', pyprojectDependencies),
  'go.mod': dependsOn('go', 'requires', goModRequires),
  'Cargo.toml': dependsOn('cargo', 'depends on', cargoDependencies),
  'docker-compose.yml': compose,
  'docker-compose.yaml': compose,
  'compose.yml': compose,
  'compose.yaml': compose,
  '.git/config': {
    kind: 'hosts',
    read: (text) => gitRemoteHosts(text).map(({ remote, host }) => ({ value: host, detail: () => `the git remote ${remote} is on ${host}` }))
  }
}

/** A workspace with many folders is looked at in its first folders only, to bound the work. */
const MAX_PROJECT_FOLDERS = 25
const signalPaths = [...new Set(signalMap.flatMap((entry) => entry.paths ?? []))]

/** Whether a changed path (relative to the workspace) is one the recommendations depend on. */
export function isManifestPath (path: string): boolean {
  const parts = path.split('/')
  // In the root, or in a first-level folder.
  const candidates = parts.length > 1 ? [path, parts.slice(1).join('/')] : [path]
  return candidates.some((candidate) => Object.hasOwn(manifestReaders, candidate) || signalPaths.includes(candidate))
}

/** Every signal in the root and its first-level folders. */
export async function collectSignals (source: ProjectSource): Promise<Signal[]> {
  const folders = ['', ...(await source.subfolders()).slice(0, MAX_PROJECT_FOLDERS)]
  const signals: Signal[] = []
  for (const folder of folders) {
    for (const [name, reader] of Object.entries(manifestReaders)) {
      const file = posix.join(folder, name)
      const text = await source.readText(file)
      if (text === null) continue
      for (const { value, detail } of reader.read(text)) signals.push({ kind: reader.kind, value, file, detail: detail(file) })
    }
    for (const path of signalPaths) {
      const file = posix.join(folder, path)
      if (await source.exists(file)) signals.push({ kind: 'paths', value: path, file, detail: `the workspace has ${file}` })
    }
  }
  return signals
}

function globMatches (pattern: string, value: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')
  return new RegExp(`^${source}$`, 'i').test(value)
}

/** How a value and a pattern of one kind are compared. */
function normalise (kind: SignalKind, value: string): string {
  if (kind === 'pypi') return normalisePythonName(value)
  if (kind === 'images') return normaliseImage(value)
  return value
}

/** The servers the signals point to, each with the signals that point to it, in signal-map order. */
export function matchServers (signals: Signal[], map: ServerSignals[] = signalMap): Map<string, Signal[]> {
  const matches = new Map<string, Signal[]>()
  for (const entry of map) {
    const found = signals.filter((signal) => (entry[signal.kind] ?? [])
      .some((pattern) => globMatches(normalise(signal.kind, pattern), signal.value)))
    if (found.length > 0) matches.set(entry.server, found)
  }
  return matches
}
