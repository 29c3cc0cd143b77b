import type { BodyOf, Schemas } from '../../api/client'
import type { JsonSchema } from '../../ui/json-schema'

type Inputs = Schemas['McpServer']['install_inputs']
type Install = Schemas['McpInstall']
export type InstallBody = BodyOf<'/api/mcp/servers/{name}/install', 'post'>
export type UpdateBody = BodyOf<'/api/mcp/installed/{name}', 'patch'>
type Group = 'env' | 'arguments' | 'headers'

interface Named { name: string, description: string, required: boolean, secret?: boolean, default?: string | string[], repeated?: boolean }

const groups: Array<[Group, keyof Inputs, string]> = [
  ['env', 'environment_variables', 'Environment variables'],
  ['arguments', 'package_arguments', 'Arguments'],
  ['headers', 'headers', 'HTTP headers']
]

function inputSchema (input: Named, editing: Install | undefined): JsonSchema {
  const stored = editing?.secrets_set.includes(input.name) === true
  return {
    ...(input.repeated ? { type: 'array', items: { type: 'string' } } : { type: 'string' }),
    title: input.name,
    description: input.description,
    // A new install starts from the catalog's defaults; an edit from the values stored.
    ...(editing ? {} : input.default !== undefined ? { default: input.default } : {}),
    ...(input.secret ? { writeOnly: true } : {}),
    ...(stored ? { placeholder: 'stored encrypted; leave empty to keep it' } : {})
  }
}

/**
 * The install form as a JSON Schema, so one form generator serves installs and tool calls: each
 * input a field (required marked, secrets as password fields, defaults filled), plus auto-restart.
 * When editing, secrets already stored are not required again.
 */
export function installSchema (inputs: Inputs, editing?: Install): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const [group, key, title] of groups) {
    const list = inputs[key] as Named[]
    if (list.length === 0) continue
    properties[group] = {
      type: 'object',
      title,
      properties: Object.fromEntries(list.map((input) => [input.name, inputSchema(input, editing)])),
      required: list.filter((input) => input.required && !(editing && input.secret)).map((input) => input.name)
    }
  }
  properties.auto_restart = { type: 'boolean', title: 'Restart it automatically when it crashes', default: editing?.auto_restart ?? false }
  return { type: 'object', properties }
}

/** The form's starting value when editing: the stored non-secret values. */
export function storedValues (install: Install): Record<string, unknown> {
  return { env: { ...install.env }, arguments: { ...install.arguments }, headers: { ...install.headers }, auto_restart: install.auto_restart }
}

type Value = Partial<Record<Group, Record<string, string | string[]>>> & { auto_restart?: boolean }

export function installBody (value: Value): InstallBody {
  const body: InstallBody = { auto_restart: value.auto_restart === true }
  for (const [group] of groups) {
    const values = value[group]
    if (values && Object.keys(values).length > 0) Object.assign(body, { [group]: values })
  }
  return body
}

/**
 * What changed against the stored install: new values, `null` for a value cleared, nothing for an
 * empty secret (it keeps its stored value). Undefined when nothing changed.
 */
export function updateBody (value: Value, install: Install): UpdateBody | undefined {
  const body: Record<string, unknown> = {}
  for (const [group] of groups) {
    const stored = install[group] as Record<string, string | string[]>
    const given = value[group] ?? {}
    const changes: Record<string, string | string[] | null> = {}
    for (const name of new Set([...Object.keys(stored), ...Object.keys(given)])) {
      const next = given[name]
      if (next === undefined) {
        if (name in stored) changes[name] = null
      } else if (JSON.stringify(next) !== JSON.stringify(stored[name])) {
        changes[name] = next
      }
    }
    if (Object.keys(changes).length > 0) body[group] = changes
  }
  if ((value.auto_restart === true) !== install.auto_restart) body.auto_restart = value.auto_restart === true
  return Object.keys(body).length > 0 ? body as UpdateBody : undefined
}
