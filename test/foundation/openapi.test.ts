import t from 'tap'
import SwaggerParser from '@apidevtools/swagger-parser'
import { build } from '../helper.js'

interface Operation {
  operationId?: string
  tags?: string[]
  summary?: string
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

t.test('the OpenAPI 3.1 document is valid and every operation is complete', async (t) => {
  const { app } = await build(t)
  const response = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(response.statusCode, 200)
  const document = response.json()
  t.equal(document.openapi, '3.1.0')

  await SwaggerParser.validate(structuredClone(document))

  const operationIds = new Set<string>()
  const operations: Array<[string, Operation]> = []
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(item)) operations.push([`${method.toUpperCase()} ${path}`, operation])
  }
  t.ok(operations.length >= 7)
  for (const [name, operation] of operations) {
    t.match(operation.operationId, /^[a-z][a-zA-Z0-9]+$/, `${name} has a camelCase operationId`)
    t.notOk(operationIds.has(operation.operationId!), `${name}'s operationId is unique`)
    operationIds.add(operation.operationId!)
    t.ok(operation.tags?.length, `${name} has tags`)
    t.ok(operation.summary, `${name} has a summary`)
    for (const [status, answer] of Object.entries(operation.responses ?? {})) {
      // 204 and 304 answers have no body by definition.
      if (status === '204' || status === '304') continue
      const schemas = Object.values(answer.content ?? {}).map((media) => media.schema)
      t.ok(schemas.length > 0 && schemas.every(Boolean), `${name} ${status} has a response schema`)
    }
  }
  t.ok(document.paths['/health'], 'index routes have no trailing slash')
  t.ok(document.components.schemas.ErrorResponse, 'shared schemas keep their names')
  t.notOk(JSON.stringify(document).includes('def-0'))
})

t.test('Swagger UI is served at /docs', async (t) => {
  const { app } = await build(t)
  const response = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /text\/html/)
})
