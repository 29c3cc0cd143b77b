import { TypeCompiler } from '@sinclair/typebox/compiler'
import { Value } from '@sinclair/typebox/value'
import type { TSchema } from '@sinclair/typebox'
import { CatalogServer, type CatalogPackage, type Category } from '../../schemas/catalog.js'

/** A catalog entry as stored: validated, defaults filled, and always with a category. */
export type CatalogEntry = CatalogServer & { category: Category, category_inferred: boolean }

const checkServer = TypeCompiler.Compile(CatalogServer)

/**
 * What each registry accepts as a package name. The JSON Schema only says "no spaces"; a name a
 * registry would refuse cannot be run, so it is reported here, naming the field.
 */
const identifierPatterns: Partial<Record<CatalogPackage['registry_type'], { pattern: RegExp, what: string }>> = {
  npm: { pattern: /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/, what: 'an npm package name such as @scope/name' },
  pypi: { pattern: /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, what: 'a PyPI project name' },
  oci: {
    pattern: /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
    what: 'an OCI image reference such as ghcr.io/owner/image'
  }
}

export type Validated = { entry: CatalogServer } | { problem: string }

/** One readable line for a schema error: the field's path and what it must be. */
function describe (error: { path: string, message: string, schema: TSchema }): string {
  const field = error.path.slice(1) || '(entry)'
  const branches = (error.schema as { anyOf?: Array<{ const?: unknown }> }).anyOf
  if (branches?.every((branch) => 'const' in branch)) {
    return `${field}: must be one of ${branches.map((branch) => JSON.stringify(branch.const)).join(', ')}`
  }
  return `${field}: ${error.message[0].toLowerCase()}${error.message.slice(1)}`
}

function duplicate (names: string[]): string | undefined {
  const seen = new Set<string>()
  return names.find((name) => seen.has(name) || !seen.add(name))
}

/** Checks a schema-valid entry for what the schema cannot say; returns the first problem. */
function semanticProblem (entry: CatalogServer): string | undefined {
  for (const [index, pkg] of entry.packages.entries()) {
    const rule = identifierPatterns[pkg.registry_type]
    if (rule && !rule.pattern.test(pkg.identifier)) {
      return `packages/${index}/identifier: ${JSON.stringify(pkg.identifier)} is not ${rule.what}`
    }
    const envName = duplicate((pkg.environment_variables ?? []).map((variable) => variable.name))
    if (envName) return `packages/${index}/environment_variables: ${envName} is listed twice`
    const argumentName = duplicate((pkg.package_arguments ?? []).map((argument) => argument.name))
    if (argumentName) return `packages/${index}/package_arguments: ${argumentName} is listed twice`
    const listDefault = (pkg.package_arguments ?? []).find((argument) => Array.isArray(argument.default) && !argument.repeated)
    if (listDefault) return `packages/${index}/package_arguments: ${listDefault.name} has a list as default but is not repeated`
  }
  return undefined
}

/** Validates one entry of our catalog format, filling its defaults; never throws. */
export function validateEntry (raw: unknown): Validated {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: '(entry): expected an object' }
  const candidate = Value.Default(CatalogServer, structuredClone(raw))
  const error = checkServer.Errors(candidate).First()
  if (error) return { problem: describe(error) }
  const entry = candidate as CatalogServer
  const problem = semanticProblem(entry)
  return problem ? { problem } : { entry }
}

/** How a problem is reported: which entry (position and name, when it has one) and what is wrong. */
export function entryLabel (index: number, name: unknown): string {
  return typeof name === 'string' && name !== '' ? `entry ${index} (${JSON.stringify(name)})` : `entry ${index}`
}
