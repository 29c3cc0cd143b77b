import { readFile } from 'node:fs/promises'
import t from 'tap'
import { apiTypesFile, generateApiTypes } from '../../web/api-types.js'

t.test('the page\'s HTTP types are those of the current OpenAPI document', async (t) => {
  const committed = await readFile(apiTypesFile, 'utf8')
  const current = await generateApiTypes()
  t.ok(committed === current, 'web/src/api/schema.d.ts is stale: run `npm run web:api` and commit it')
})
