import { parse as parseIni } from 'ini'
import { parse as parseToml } from 'smol-toml'
import { parse as parseYaml } from 'yaml'

/**
 * Readers of project manifests: each takes a file's text and returns what it depends on. They are
 * forgiving — a manifest that does not parse yields nothing rather than failing the recommendation.
 */

/** PEP 503 normalisation, so `Psycopg2_Binary` and `psycopg2-binary` are one package. */
export function normalisePythonName (name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

/** The distribution name at the start of a PEP 508 requirement (`uvicorn[standard]>=0.20; …`). */
function requirementName (requirement: string): string | undefined {
  const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1]
  return name ? normalisePythonName(name) : undefined
}

function defined (values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))]
}

/** What a parser makes of the text, or undefined where it throws: a broken manifest reads as empty. */
function attempt (parse: () => unknown): unknown {
  try {
    return parse()
  } catch {
    return undefined
  }
}

function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The value at a path of tables, if every step is a table. */
function at (value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (!isRecord(current)) return undefined
    current = current[key]
  }
  return current
}

/** The keys of a table (none for anything else). */
function keysOf (table: unknown): string[] {
  return isRecord(table) ? Object.keys(table) : []
}

/** The values of a table (none for anything else). */
function valuesOf (table: unknown): unknown[] {
  return isRecord(table) ? Object.values(table) : []
}

/** The tables among a table's values. */
function tablesOf (table: unknown): Array<Record<string, unknown>> {
  return valuesOf(table).filter(isRecord)
}

/** The strings of an array, skipping anything else in it (PEP 735's `{include-group = …}`, say). */
function stringsOf (array: unknown): string[] {
  return Array.isArray(array) ? array.filter((item): item is string => typeof item === 'string') : []
}

export function packageJsonDependencies (text: string): string[] {
  let manifest: unknown
  try {
    manifest = JSON.parse(text)
  } catch {
    return []
  }
  if (typeof manifest !== 'object' || manifest === null) return []
  const groups = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']
    .map((field) => (manifest as Record<string, unknown>)[field])
    .filter((group): group is Record<string, unknown> => typeof group === 'object' && group !== null && !Array.isArray(group))
  return defined(groups.flatMap((group) => Object.keys(group)))
}

/** requirements.txt: one requirement a line; options (`-r`, `-e`, `--index-url`) and comments skipped. */
export function requirementsTxtDependencies (text: string): string[] {
  return defined(text.split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('-'))
    .map(requirementName))
}

/** pyproject.toml: PEP 621 dependencies and optional groups, PEP 735 groups, and Poetry's tables. */
export function pyprojectDependencies (text: string): string[] {
  const manifest = attempt(() => parseToml(text))
  const requirements = [
    at(manifest, 'project', 'dependencies'),
    ...valuesOf(at(manifest, 'project', 'optional-dependencies')),
    ...valuesOf(at(manifest, 'dependency-groups'))
  ].flatMap(stringsOf)
  const poetry = at(manifest, 'tool', 'poetry')
  const poetryTables = [
    at(poetry, 'dependencies'),
    at(poetry, 'dev-dependencies'),
    ...tablesOf(at(poetry, 'group')).map((group) => at(group, 'dependencies'))
  ]
  return defined([
    ...requirements.map(requirementName),
    ...poetryTables.flatMap(keysOf).filter((name) => name !== 'python').map(normalisePythonName)
  ])
}

const CARGO_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies']

/** Cargo.toml: every dependency table — plain, the workspace's and each target's. */
export function cargoDependencies (text: string): string[] {
  const manifest = attempt(() => parseToml(text))
  const tables = [
    ...CARGO_TABLES.map((table) => at(manifest, table)),
    at(manifest, 'workspace', 'dependencies'),
    ...tablesOf(at(manifest, 'target')).flatMap((target) => CARGO_TABLES.map((table) => at(target, table)))
  ]
  return defined(tables.flatMap(keysOf))
}

/** go.mod: direct requirements, single-line or in a `require ( … )` block; `// indirect` ones skipped. */
export function goModRequires (text: string): string[] {
  const modules: string[] = []
  let inBlock = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (inBlock && line.startsWith(')')) {
      inBlock = false
      continue
    }
    if (/^require\s*\($/.test(line)) {
      inBlock = true
      continue
    }
    const requirement = inBlock ? line : /^require\s+(.+)$/.exec(line)?.[1]
    if (!requirement || requirement.includes('// indirect')) continue
    const module = /^(\S+)\s+v\S+/.exec(requirement)?.[1]
    if (module) modules.push(module)
  }
  return defined(modules)
}

/** docker-compose files: every service's `image:` (merge keys followed). */
export function composeImages (text: string): string[] {
  const compose = attempt(() => parseYaml(text, { merge: true, logLevel: 'error' }))
  return defined(tablesOf(at(compose, 'services')).map((service) => {
    const image = at(service, 'image')
    return typeof image === 'string' ? image : undefined
  }))
}

/** `postgres:16`, `docker.io/library/postgres@sha256:…` and `ghcr.io/org/app` without registry and tag. */
export function normaliseImage (image: string): string {
  const parts = image.toLowerCase().replace(/@.*$/, '').split('/')
  parts[parts.length - 1] = parts[parts.length - 1].replace(/:.*$/, '')
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift()
  if (parts[0] === 'library' && parts.length > 1) parts.shift()
  return parts.join('/')
}

/**
 * The sections of a parsed INI document with their full names: `ini` nests a section whose name has
 * a dot (`[remote "my.fork"]`) under its first part, and a section never holds a table otherwise.
 */
function iniSections (table: Record<string, unknown>, prefix = ''): Array<[string, Record<string, unknown>]> {
  return Object.entries(table).flatMap(([key, value]): Array<[string, Record<string, unknown>]> => {
    if (!isRecord(value)) return []
    const name = prefix + key
    return [[name, value], ...iniSections(value, name + '.')]
  })
}

/** .git/config: the host of every remote's url, for `https://`, `ssh://` and scp-like `git@host:path`. */
export function gitRemoteHosts (text: string): Array<{ remote: string, host: string }> {
  // git allows indented section headers, which `ini` does not; repeated keys (several urls) become arrays.
  const config = attempt(() => parseIni(text.replace(/^[ \t]+/gm, ''), { bracketedArray: false }))
  const remotes: Array<{ remote: string, host: string }> = []
  for (const [section, values] of isRecord(config) ? iniSections(config) : []) {
    const remote = /^remote\s+"([^"]*)"$/.exec(section)?.[1]
    if (remote === undefined) continue
    const urls = [values.url].flat().filter((url): url is string => typeof url === 'string')
    for (const url of urls) {
      const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(url)?.[1] ?? /^(?:[^@/]+@)?([^/:]+):/.exec(url)?.[1]
      if (host) remotes.push({ remote, host: host.toLowerCase() })
    }
  }
  return remotes
}
