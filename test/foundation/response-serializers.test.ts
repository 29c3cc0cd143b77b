import t from 'tap'
import { buildResponseSerializers } from '../../plugins/response-serializers.js'

const shared = {
  Tag: { $id: 'Tag', type: 'object', properties: { label: { type: 'string' } } },
  Item: { $id: 'Item', type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { $ref: 'Tag#' } } } },
  // Declared inside another shared schema: a ref to it resolves through its owner.
  Wrapper: { $id: 'Wrapper', type: 'object', properties: { inner: { $id: 'Inner', type: 'object', properties: { n: { type: 'integer' } } } } },
  // fast-json-stringify refuses this one: only a compile that is given it can fail on it.
  Broken: { $id: 'Broken', type: 'object', properties: { bad: { type: 42 } } }
}

t.test('a response schema is compiled with the shared schemas its refs reach, and only those', async (t) => {
  const compile = buildResponseSerializers(shared)
  const page = { type: 'object', properties: { items: { type: 'array', items: { $ref: 'Item#' } }, dropped: { type: 'string' } } }
  const serialize = compile({ schema: page })
  t.equal(serialize({ items: [{ name: 'a', tags: [{ label: 'x', extra: 1 }] }], dropped: 'kept' }), '{"items":[{"name":"a","tags":[{"label":"x"}]}],"dropped":"kept"}',
    'refs are followed from shared schema to shared schema')
  t.equal(compile({ schema: { $ref: 'Inner#' } })({ n: 3, m: 4 }), '{"n":3}', 'a schema declared inside a shared one is found by its $id')
  t.throws(() => buildResponseSerializers(shared)({ schema: { $ref: 'Broken#' } }), /schema is invalid/, 'a shared schema that is reached is still checked')
  const { Broken: _broken, ...valid } = shared
  t.throws(() => buildResponseSerializers(valid)({ schema: { $ref: 'Missing#' } }), /Missing/, 'a ref to nothing shared fails as fast-json-stringify reports it')
})

t.test('a schema object answered by many routes is compiled once', async (t) => {
  const compile = buildResponseSerializers(shared)
  const error = { type: 'object', properties: { code: { type: 'string' } } }
  t.equal(compile({ schema: error }), compile({ schema: error }), 'the same serializer for the same schema')
  t.not(compile({ schema: error }), compile({ schema: { ...error } }), 'a different schema gets its own')
})
