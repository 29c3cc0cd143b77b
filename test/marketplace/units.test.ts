import { statSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { tempDir } from '../helper.js'
import { compareVersions } from '../../services/marketplace/versions.js'
import { inferCategory } from '../../services/marketplace/infer-category.js'
import { SecretBox } from '../../services/marketplace/secrets.js'
import { resumeAt } from '../../services/marketplace/cursor.js'

t.test('versions order numerically, a pre-release before its release', async (t) => {
  t.equal(compareVersions('1.10.0', '1.9.2'), 1)
  t.equal(compareVersions('1.0.0', '1.0.0'), 0)
  t.equal(compareVersions('1.0', '1.0.0'), 0)
  t.equal(compareVersions('1.0.0-rc.1', '1.0.0'), -1)
  t.equal(compareVersions('1.0.0', '1.0.0-rc.1'), 1)
  t.equal(compareVersions('1.0.0-alpha', '1.0.0-beta'), -1)
  t.equal(compareVersions('2025.7.4', '2025.10.1'), -1)
  t.equal(compareVersions('v2', 'v1'), 1, 'anything else by text')
})

t.test('a category is inferred from the words of the text', async (t) => {
  t.equal(inferCategory(['io.github.x/pg', 'Postgres', 'Query your PostgreSQL database']), 'database')
  t.equal(inferCategory(['kube', 'Deploy to Kubernetes on AWS']), 'cloud_services')
  t.equal(inferCategory(['Grafana dashboards and Prometheus metrics']), 'monitoring')
  t.equal(inferCategory(['nothing to see']), 'development_tools', 'the original\'s catch-all')
  t.equal(inferCategory(['search slack']), 'communication', 'a tie goes to the earlier category in the original\'s order')
})

t.test('secrets: sealed with a generated key file (0600), bound to their context', async (t) => {
  const dataDir = tempDir(t)
  const box = await SecretBox.open({ dataDir })
  const keyFile = join(dataDir, 'secret.key')
  t.equal(statSync(keyFile).mode & 0o777, 0o600)
  const sealed = box.seal('hunter2', 'user-a')
  t.not(sealed, box.seal('hunter2', 'user-a'), 'a fresh nonce every time')
  t.notOk(sealed.includes('hunter2'))
  t.equal(box.open(sealed, 'user-a'), 'hunter2')
  t.throws(() => box.open(sealed, 'user-b'), 'another context does not open it')
  const [version, iv, tag, data] = sealed.split('.')
  const flipped = `${version}.${iv}.${tag}.${Buffer.from(Buffer.from(data, 'base64url').map((byte) => byte ^ 1)).toString('base64url')}`
  t.throws(() => box.open(flipped, 'user-a'), 'tampering is detected')
  t.throws(() => box.open('v0.x', 'user-a'), /not a sealed secret/)

  const reopened = await SecretBox.open({ dataDir })
  t.equal(reopened.open(sealed, 'user-a'), 'hunter2', 'the key file is reused at the next start')

  const configured = await SecretBox.open({ dataDir: tempDir(t), secretKey: 'ab'.repeat(32) })
  t.throws(() => configured.open(sealed, 'user-a'), 'another key does not open it')

  writeFileSync(keyFile, 'not hex\n')
  await t.rejects(SecretBox.open({ dataDir }), /does not hold a 64-hex-digit key/)
  t.match(readFileSync(keyFile, 'utf8'), 'not hex', 'a broken key file is never overwritten')
})

t.test('a configured key writes no key file', async (t) => {
  const dataDir = tempDir(t)
  await SecretBox.open({ dataDir, secretKey: 'cd'.repeat(32) })
  t.throws(() => statSync(join(dataDir, 'secret.key')))
})

t.test('a cursor resumes after its last item even when the list moved', async (t) => {
  const names = ['a', 'b', 'c', 'd']
  const cursor = (o: number, k: string) => Buffer.from(JSON.stringify({ f: 'fp', o, k })).toString('base64url')
  const at = (index: number) => names[index]
  const find = (name: string) => names.indexOf(name)
  t.equal(resumeAt(undefined, 'fp', at, find), 0)
  t.equal(resumeAt(cursor(2, 'b'), 'fp', at, find), 2)
  t.equal(resumeAt(cursor(1, 'c'), 'fp', at, find), 3, 'the last item moved: continue after it')
  t.equal(resumeAt(cursor(2, 'gone'), 'fp', at, find), 2, 'the last item vanished: continue at the offset')
  t.throws(() => resumeAt(cursor(2, 'b'), 'other', at, find), { code: 'INVALID_CURSOR' })
  t.throws(() => resumeAt(Buffer.from(JSON.stringify({ f: 'fp', o: -1, k: 'a' })).toString('base64url'), 'fp', at, find), { code: 'INVALID_CURSOR' })
})
