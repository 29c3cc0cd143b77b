/**
 * The part of JSON Schema the forms understand: what MCP tools publish as their input schema, and
 * what an install's inputs become. `placeholder` is ours (a hint inside an empty field).
 */
export interface JsonSchema {
  type?: string | string[]
  title?: string
  description?: string
  default?: unknown
  enum?: unknown[]
  const?: unknown
  format?: string
  writeOnly?: boolean
  placeholder?: string
  minimum?: number
  maximum?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

export type FieldKind = 'object' | 'string' | 'secret' | 'number' | 'integer' | 'boolean' | 'enum' | 'array' | 'json'

/** The one type a schema names, ignoring "null" in a nullable union such as ["string", "null"]. */
function singleType (schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type
  const types = (schema.type ?? []).filter((type) => type !== 'null')
  return types.length === 1 ? types[0] : undefined
}

/** How a schema is edited; anything the form cannot show as fields is edited as raw JSON. */
export function fieldKind (schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((option) => ['string', 'number', 'boolean'].includes(typeof option))) return 'enum'
  switch (singleType(schema)) {
    case 'object': return schema.properties ? 'object' : 'json'
    case 'string': return schema.writeOnly || schema.format === 'password' ? 'secret' : 'string'
    case 'number': return 'number'
    case 'integer': return 'integer'
    case 'boolean': return 'boolean'
    case 'array': return schema.items && fieldKind(schema.items) !== 'json' ? 'array' : 'json'
    default: return 'json'
  }
}

/** The value a new form starts from: every default the schema gives, nested objects included. */
export function initialValue (schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default)
  if (fieldKind(schema) !== 'object') return undefined
  const value: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const initial = initialValue(property)
    if (initial !== undefined) value[name] = initial
  }
  return value
}

/** A copy of `object` with `key` set, or removed when the value is undefined (an empty field sends nothing). */
export function withKey (object: unknown, key: string, value: unknown): Record<string, unknown> {
  const next = { ...(typeof object === 'object' && object !== null ? object as Record<string, unknown> : {}) }
  if (value === undefined) delete next[key]
  else next[key] = value
  return next
}
