import { datePart, defined, isObject, list, remotesOf, text, titleFromName, type Candidate, type Json } from './common.js'

const OFFICIAL_META = 'io.modelcontextprotocol.registry/official'

function argument (raw: Json, index: number): Json {
  const named = raw.type === 'named'
  const label = named ? text(raw.name) : (text(raw.valueHint) ?? text(raw.name))
  // Our format tells named from positional by the leading dash.
  const name = named ? (label?.startsWith('-') ? label : `--${label ?? `argument-${index + 1}`}`) : (label?.replace(/^-+/, '') || `argument_${index + 1}`)
  return defined({
    name,
    description: text(raw.description) ?? '',
    required: raw.isRequired === true,
    default: typeof raw.value === 'string' ? raw.value : (typeof raw.default === 'string' ? raw.default : undefined),
    repeated: raw.isRepeated === true ? true : undefined,
    secret: raw.isSecret === true ? true : undefined
  })
}

function environmentVariable (raw: Json): Json {
  return defined({
    name: raw.name,
    description: text(raw.description) ?? '',
    required: raw.isRequired === true,
    secret: raw.isSecret === true,
    default: typeof raw.default === 'string' ? raw.default : undefined
  })
}

function pkg (raw: Json): Json {
  const transport = isObject(raw.transport) ? raw.transport.type : undefined
  return defined({
    registry_type: typeof raw.registryType === 'string' ? raw.registryType.toLowerCase() : raw.registryType,
    identifier: raw.identifier,
    version: text(raw.version),
    transport: transport ?? 'stdio',
    // runtimeArguments are left out: the launcher supplies the runtime's own arguments (npx -y, docker run -i --rm …).
    package_arguments: Array.isArray(raw.packageArguments) ? raw.packageArguments.filter(isObject).map(argument) : undefined,
    environment_variables: Array.isArray(raw.environmentVariables) ? raw.environmentVariables.filter(isObject).map(environmentVariable) : undefined
  })
}

/** A current server.json (camelCase), optionally with the registry's _meta, as our catalog format. */
export function fromServerJson (server: unknown, index: number, meta?: unknown): Candidate {
  if (!isObject(server)) return { index, problem: '(entry): expected a server.json object' }
  const name = text(server.name)
  if (!name) return { index, problem: 'name: a server.json needs a name' }
  const official = isObject(meta) && isObject(meta[OFFICIAL_META]) ? meta[OFFICIAL_META] : {}
  const repository = isObject(server.repository) ? text(server.repository.url) : undefined
  const remotes = remotesOf(server.remotes, 'type')
  return {
    index,
    name,
    raw: defined({
      name,
      title: text(server.title) ?? titleFromName(name),
      description: typeof server.description === 'string' ? server.description : '',
      version: text(server.version),
      repository_url: repository,
      homepage_url: text(server.websiteUrl),
      status: official.status ?? server.status ?? 'active',
      last_updated: datePart(official.updatedAt) ?? datePart(official.publishedAt),
      packages: list(server.packages).filter(isObject).map(pkg),
      remotes: remotes.length > 0 ? remotes : undefined
    })
  }
}
