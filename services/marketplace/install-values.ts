import { InstallValuesError } from './errors.js'
import { installInputs, type InstallValues, type LaunchTarget } from './launch.js'

export interface SplitValues {
  plain: InstallValues
  secret: InstallValues
}

interface InputSpec {
  name: string
  description: string
  required: boolean
  secret?: boolean
  default?: string | string[]
  repeated?: boolean
}

/** The three kinds of install value, as the API names them and as messages call one of them. */
const kinds = [
  { field: 'env', inputs: 'environment_variables', noun: 'environment variable' },
  { field: 'arguments', inputs: 'package_arguments', noun: 'argument' },
  { field: 'headers', inputs: 'headers', noun: 'header' }
] as const

function empty (value: string | string[] | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

function listOrNone (names: string[]): string {
  return names.length > 0 ? names.join(', ') : 'none'
}

function specsOf (target: LaunchTarget | undefined, kind: typeof kinds[number]): InputSpec[] {
  return installInputs(target)[kind.inputs]
}

/** A value an install must be given: its name, the install body's field it goes in, and what it is. */
export interface NeededValue {
  name: string
  field: typeof kinds[number]['field']
  secret: boolean
  description: string
}

/** The required inputs without a default, each with its kind. */
function requiredSpecs (target: LaunchTarget | undefined) {
  return kinds.flatMap((kind) => specsOf(target, kind)
    .filter((spec) => spec.required && spec.default === undefined)
    .map((spec) => ({ kind, spec })))
}

/** What installing the target takes: the values it must be given. */
export function neededValues (target: LaunchTarget | undefined): NeededValue[] {
  return requiredSpecs(target).map(({ kind, spec }) => ({ name: spec.name, field: kind.field, secret: spec.secret === true, description: spec.description }))
}

/** The required inputs that have neither a value nor a default, named with their kind. */
export function missingValues (target: LaunchTarget | undefined, values: InstallValues): string[] {
  return requiredSpecs(target)
    .filter(({ kind, spec }) => empty(values[kind.field][spec.name]))
    .map(({ kind, spec }) => `${spec.name} (${kind.noun})`)
}

/**
 * Checks the values an install was given against what its target takes, and splits them into
 * plain values and secret ones (stored encrypted). Every problem is a 400 naming the input.
 */
export function checkInstallValues (name: string, target: LaunchTarget | undefined, given: Partial<InstallValues>): SplitValues {
  const values: InstallValues = { env: given.env ?? {}, arguments: given.arguments ?? {}, headers: given.headers ?? {} }
  const split: SplitValues = { plain: { env: {}, arguments: {}, headers: {} }, secret: { env: {}, arguments: {}, headers: {} } }
  for (const kind of kinds) {
    const specs = new Map(specsOf(target, kind).map((spec) => [spec.name, spec]))
    const unknown = Object.keys(values[kind.field]).filter((key) => !specs.has(key))
    if (unknown.length > 0) {
      throw new InstallValuesError(`${kind.field}: ${name} has no ${kind.noun} ${unknown.join(', ')}; it takes: ${listOrNone([...specs.keys()])}`)
    }
    for (const [key, value] of Object.entries(values[kind.field])) {
      if (Array.isArray(value) && !specs.get(key)?.repeated) throw new InstallValuesError(`${kind.field}/${key}: takes one value, not a list`)
      const side = specs.get(key)?.secret ? split.secret : split.plain
      ;(side[kind.field] as Record<string, string | string[]>)[key] = value
    }
  }
  const missing = missingValues(target, values)
  if (missing.length > 0) throw new InstallValuesError(`${name} needs values for: ${missing.join(', ')}`)
  return split
}
