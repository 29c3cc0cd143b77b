import { InstallValuesError } from './errors.js'
import { installInputs, type InstallValues, type LaunchTarget } from './launch.js'

export interface SplitValues {
  plain: InstallValues
  secret: InstallValues
}

function empty (value: string | string[] | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

function listOrNone (names: string[]): string {
  return names.length > 0 ? names.join(', ') : 'none'
}

/** The required inputs that have neither a value nor a default, named with their kind. */
export function missingValues (target: LaunchTarget | undefined, values: InstallValues): string[] {
  const inputs = installInputs(target)
  return [
    ...inputs.environment_variables
      .filter((spec) => spec.required && spec.default === undefined && empty(values.env[spec.name]))
      .map((spec) => `${spec.name} (environment variable)`),
    ...inputs.package_arguments
      .filter((spec) => spec.required && spec.default === undefined && empty(values.arguments[spec.name]))
      .map((spec) => `${spec.name} (argument)`)
  ]
}

/**
 * Checks the values an install was given against what its target takes, and splits them into
 * plain values and secret ones (stored encrypted). Every problem is a 400 naming the input.
 */
export function checkInstallValues (name: string, target: LaunchTarget | undefined, given: Partial<InstallValues>): SplitValues {
  const inputs = installInputs(target)
  const env = given.env ?? {}
  const args = given.arguments ?? {}
  const envSpecs = new Map(inputs.environment_variables.map((spec) => [spec.name, spec]))
  const argumentSpecs = new Map(inputs.package_arguments.map((spec) => [spec.name, spec]))

  const unknownEnv = Object.keys(env).filter((key) => !envSpecs.has(key))
  if (unknownEnv.length > 0) {
    throw new InstallValuesError(`env: ${name} has no environment variable ${unknownEnv.join(', ')}; it takes: ${listOrNone([...envSpecs.keys()])}`)
  }
  const unknownArguments = Object.keys(args).filter((key) => !argumentSpecs.has(key))
  if (unknownArguments.length > 0) {
    throw new InstallValuesError(`arguments: ${name} has no argument ${unknownArguments.join(', ')}; it takes: ${listOrNone([...argumentSpecs.keys()])}`)
  }
  for (const [key, value] of Object.entries(args)) {
    if (Array.isArray(value) && !argumentSpecs.get(key)?.repeated) {
      throw new InstallValuesError(`arguments/${key}: takes one value, not a list`)
    }
  }
  const missing = missingValues(target, { env, arguments: args })
  if (missing.length > 0) throw new InstallValuesError(`${name} needs values for: ${missing.join(', ')}`)

  const split: SplitValues = { plain: { env: {}, arguments: {} }, secret: { env: {}, arguments: {} } }
  for (const [key, value] of Object.entries(env)) {
    split[envSpecs.get(key)?.secret ? 'secret' : 'plain'].env[key] = value
  }
  for (const [key, value] of Object.entries(args)) {
    split[argumentSpecs.get(key)?.secret ? 'secret' : 'plain'].arguments[key] = value
  }
  return split
}
