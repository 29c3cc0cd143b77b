import { launchableRegistryTypes, type CatalogArgument, type CatalogCommand, type CatalogEnvironmentVariable, type CatalogHeader, type CatalogPackage, type CatalogRemote } from '../../schemas/catalog.js'
import type { CatalogEntry } from './validate.js'

/** How to reach an installed server: a local process over stdio, or a remote URL. */
export type LaunchSpec =
  | { transport: 'stdio', command: string, args: string[], env: Record<string, string> }
  | { transport: 'streamable-http' | 'sse', url: string, headers: Record<string, string> }

/** The part of an entry an install runs: its own command, a package, or a remote. */
export type LaunchTarget =
  | { kind: 'command', command: CatalogCommand }
  | { kind: 'package', pkg: CatalogPackage }
  | { kind: 'remote', remote: CatalogRemote }

/** The values of one install: plain and decrypted secret values merged, by input name. */
export interface InstallValues {
  env: Record<string, string>
  arguments: Record<string, string | string[]>
  /** For a remote: the HTTP headers it reads. */
  headers: Record<string, string>
}

const launchable = new Set<string>(launchableRegistryTypes)

function runnablePackage (pkg: CatalogPackage): boolean {
  return launchable.has(pkg.registry_type) && pkg.transport === 'stdio'
}

/** What an install of this entry runs: its own command first, then a runnable package, then a remote. */
export function launchTarget (entry: CatalogEntry): LaunchTarget | undefined {
  if (entry.command) return { kind: 'command', command: entry.command }
  const pkg = entry.packages.find(runnablePackage)
  if (pkg) return { kind: 'package', pkg }
  const remote = entry.remotes?.[0]
  return remote ? { kind: 'remote', remote } : undefined
}

/** Why an entry cannot be installed, in words for the user; undefined when it can. */
export function notInstallableReason (entry: CatalogEntry): string | undefined {
  if (entry.status === 'deleted') return `${entry.name} was deleted from its registry and can no longer be installed`
  if (launchTarget(entry)) return undefined
  if (entry.packages.length === 0) {
    const where = entry.repository_url ? ` (${entry.repository_url})` : ''
    return `${entry.name} lists no package, remote or command to run: only its source repository${where} is known. Build it from source, or import an entry that names a package`
  }
  const kinds = [...new Set(entry.packages.map((pkg) => pkg.transport === 'stdio' ? `${pkg.registry_type} package` : `${pkg.registry_type} package serving ${pkg.transport}`))]
  return `${entry.name} is published only as ${kinds.join(', ')}; only npm, pypi and oci packages speaking stdio, or remotes, can be run here`
}

export interface InstallInputs {
  environment_variables: CatalogEnvironmentVariable[]
  package_arguments: CatalogArgument[]
  headers: CatalogHeader[]
}

/** The values an install of this target takes. */
export function installInputs (target: LaunchTarget | undefined): InstallInputs {
  return {
    environment_variables: target?.kind === 'package' ? target.pkg.environment_variables ?? [] : [],
    package_arguments: target?.kind === 'package' ? target.pkg.package_arguments ?? [] : [],
    headers: target?.kind === 'remote' ? target.remote.headers ?? [] : []
  }
}

/** A name starting with "-" is a named argument (`--flag=value`); anything else labels a positional one. */
export function isNamedArgument (argument: CatalogArgument): boolean {
  return argument.name.startsWith('-')
}

function renderArguments (specs: CatalogArgument[], values: InstallValues['arguments']): string[] {
  const rendered: string[] = []
  for (const spec of specs) {
    const value = values[spec.name] ?? spec.default
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isNamedArgument(spec)) rendered.push(item === '' ? spec.name : `${spec.name}=${item}`)
      else if (item !== '') rendered.push(item)
    }
  }
  return rendered
}

/** Environment variables or headers: each given value, else its default. */
function namedValues (specs: Array<CatalogEnvironmentVariable | CatalogHeader>, values: Record<string, string>): Record<string, string> {
  const named: Record<string, string> = {}
  for (const spec of specs) {
    const value = values[spec.name] ?? spec.default
    if (value !== undefined) named[spec.name] = value
  }
  return named
}

/** An image reference with the version as its tag, unless it already names a tag or digest. */
function imageReference (pkg: CatalogPackage): string {
  const lastSegment = pkg.identifier.split('/').at(-1) as string
  if (!pkg.version || lastSegment.includes(':') || pkg.identifier.includes('@')) return pkg.identifier
  return `${pkg.identifier}:${pkg.version}`
}

function packageCommand (pkg: CatalogPackage, args: string[], env: Record<string, string>): { command: string, args: string[] } {
  switch (pkg.registry_type) {
    case 'npm':
      return { command: 'npx', args: ['-y', pkg.version ? `${pkg.identifier}@${pkg.version}` : pkg.identifier, ...args] }
    case 'pypi':
      // uv's documented exact-version form is tool@version.
      return { command: 'uvx', args: [pkg.version ? `${pkg.identifier}@${pkg.version}` : pkg.identifier, ...args] }
    default:
      // docker reads each -e NAME from its own environment, so values never appear in the arguments.
      return { command: 'docker', args: ['run', '-i', '--rm', ...Object.keys(env).flatMap((name) => ['-e', name]), imageReference(pkg), ...args] }
  }
}

/** The launch spec of a target with the given values (defaults fill what is not given). */
export function buildLaunchSpec (target: LaunchTarget, values: InstallValues): LaunchSpec {
  switch (target.kind) {
    case 'command':
      return { transport: 'stdio', command: target.command.command, args: [...target.command.args], env: { ...target.command.env } }
    case 'remote':
      return { transport: target.remote.transport, url: target.remote.url, headers: namedValues(target.remote.headers ?? [], values.headers) }
    case 'package': {
      const { pkg } = target
      const env = namedValues(pkg.environment_variables ?? [], values.env)
      const { command, args } = packageCommand(pkg, renderArguments(pkg.package_arguments ?? [], values.arguments), env)
      return { transport: 'stdio', command, args, env }
    }
  }
}
