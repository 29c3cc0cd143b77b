import { datePart, defined, isObject, list, remotesOf, text, titleFromName, type Candidate, type Json } from './common.js'

/** Legacy entries do not say which variables are secret; these names almost always are. */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL/i

/**
 * A legacy argument: a named one carries its flag and example value together in `name`
 * ("--directory <path>" or "--api-key=KEY"); the flag becomes the name and the rest the default.
 */
function argument (raw: Json, index: number): Json {
  const common = { description: text(raw.description) ?? '', required: raw.is_required === true }
  if (raw.type === 'named') {
    const whole = text(raw.name) ?? text(raw.value) ?? ''
    const [, flag, rest] = /^(\S+?)(?:[=\s]+(.*))?$/.exec(whole) ?? []
    return defined({ ...common, name: flag?.startsWith('-') ? flag : `--${flag ?? `argument-${index + 1}`}`, default: rest ?? '' })
  }
  // A positional argument's name is only a label, numbered so two never clash.
  return defined({ ...common, name: `argument_${index + 1}`, default: text(raw.value) ?? text(raw.default) })
}

/** A flag given several times ("--with a", "--with b") becomes one repeated argument with both values. */
function mergeRepeated (args: Json[]): Json[] {
  const merged = new Map<unknown, Json>()
  for (const arg of args) {
    const first = merged.get(arg.name)
    if (!first) {
      merged.set(arg.name, arg)
      continue
    }
    first.repeated = true
    first.default = [first.default, arg.default].flat().filter((value) => value !== undefined)
  }
  return [...merged.values()]
}

function pkg (raw: Json): Json | undefined {
  const registry = raw.registry_name
  // "unknown": the seed knew the repository but no published package.
  if (registry === 'unknown' || registry === undefined) return undefined
  const docker = registry === 'docker'
  return defined({
    registry_type: docker ? 'oci' : registry,
    identifier: raw.name,
    version: text(raw.version),
    transport: 'stdio',
    // Docker entries list `docker run` flags (-i, --rm, -e …) as arguments; the launcher supplies those itself.
    package_arguments: docker ? undefined : mergeRepeated(list(raw.package_arguments).filter(isObject).map(argument)),
    environment_variables: list(raw.environment_variables).filter(isObject).map((variable) => ({
      name: variable.name,
      description: text(variable.description) ?? '',
      // The legacy format lists only the variables a server needs.
      required: true,
      secret: typeof variable.name === 'string' && SECRET_NAME.test(variable.name)
    }))
  })
}

/** An entry of the registry's 2025-05 seed (snake_case, version_detail, registry_name) as our catalog format. */
export function fromLegacy (entry: unknown, index: number): Candidate {
  if (!isObject(entry)) return { index, problem: '(entry): expected an object' }
  const name = text(entry.name)
  if (!name) return { index, problem: 'name: the entry has no name' }
  const detail = isObject(entry.version_detail) ? entry.version_detail : {}
  const repository = isObject(entry.repository) ? text(entry.repository.url) : undefined
  const remotes = remotesOf(entry.remotes, 'transport_type')
  return {
    index,
    name,
    raw: defined({
      name,
      title: titleFromName(name),
      description: typeof entry.description === 'string' ? entry.description.trim() : '',
      version: text(detail.version),
      repository_url: repository,
      status: 'active',
      last_updated: datePart(detail.release_date),
      packages: list(entry.packages).filter(isObject).map(pkg).filter((item) => item !== undefined),
      remotes: remotes.length > 0 ? remotes : undefined
    })
  }
}
