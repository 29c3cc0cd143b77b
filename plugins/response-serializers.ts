import fastJsonStringify, { type Options, type Schema as JsonSchema } from 'fast-json-stringify'

type Schema = JsonSchema & Record<string, unknown>
type Serializer = (document: unknown) => string
/** What Fastify passes for each response schema it needs a serializer for. */
interface RouteSchema { schema?: unknown }

/** Calls `visit` on a schema and on every object inside it. */
function eachObject (schema: unknown, visit: (node: Schema) => void): void {
  if (typeof schema !== 'object' || schema === null) return
  visit(schema as Schema)
  for (const value of Object.values(schema)) eachObject(value, visit)
}

/** The `$id`s a schema refers to elsewhere (a ref within itself, `#/…`, names none). */
function referencedIds (schema: unknown, into: Set<string>): void {
  eachObject(schema, (node) => {
    const id = typeof node.$ref === 'string' ? node.$ref.split('#')[0] : ''
    if (id) into.add(id)
  })
}

/**
 * Fastify's serializer factory with the same fast-json-stringify underneath, told less. Fastify
 * hands fast-json-stringify every shared schema with each response schema it compiles, and
 * fast-json-stringify checks every one of them again on each compile: with the contract's shared
 * schemas and a few hundred response schemas, that was most of the time an app took to start. Here
 * each compile is given only the shared schemas its schema reaches through `$ref`, and a schema
 * object that many routes answer with (the error answers) is compiled once.
 */
export function buildResponseSerializers (shared: unknown, serializerOptions: Options = {}) {
  const externalSchemas = (shared ?? {}) as Record<string, Schema>
  const ownerOf = new Map<string, string>()
  // Every `$id` inside a shared schema, its own included: a ref may name a schema nested in one.
  for (const [key, schema] of Object.entries(externalSchemas)) {
    eachObject(schema, (node) => { if (typeof node.$id === 'string') ownerOf.set(node.$id, key) })
  }

  /** The shared schemas a schema needs, following refs from shared schema to shared schema. */
  function reachable (schema: Schema): Record<string, Schema> | undefined {
    const needed: Record<string, Schema> = {}
    const pending = new Set<string>()
    referencedIds(schema, pending)
    for (const id of pending) {
      const key = ownerOf.get(id)
      // A ref to nothing shared: let fast-json-stringify see everything and report it as it would.
      if (key === undefined) return undefined
      if (key in needed) continue
      needed[key] = externalSchemas[key]
      referencedIds(needed[key], pending)
    }
    return needed
  }

  const compiled = new WeakMap<Schema, Serializer>()
  return (route: RouteSchema): Serializer => {
    const schema = route.schema as Schema
    let serializer = compiled.get(schema)
    if (!serializer) {
      serializer = fastJsonStringify(schema, { ...serializerOptions, schema: reachable(schema) ?? externalSchemas }) as Serializer
      compiled.set(schema, serializer)
    }
    return serializer
  }
}
