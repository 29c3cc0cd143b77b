import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import t from 'tap'
import { compressedAnswers } from '../../plugins/compressed-answers.js'

const page = (n: number) => Buffer.from(JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ name: `server-${n}-${i}`, description: 'connects assistants to ünïcode data' })) }))

t.test('an answer compressed once is sent as it was, in each encoding', async (t) => {
  const { gzipSync, brotliCompressSync } = compressedAnswers(1024 * 1024)
  const first = gzipSync(page(1))
  t.same(gunzipSync(first), page(1), 'gzip: the same bytes back')
  t.equal(gzipSync(page(1)), first, 'the same bytes again: the very buffer remembered')
  const br = brotliCompressSync(page(1))
  t.same(brotliDecompressSync(br), page(1), 'br: the same bytes back')
  t.not(br, first, 'each encoding is remembered apart')
  t.equal(brotliCompressSync(page(1)), br)
  t.same(gunzipSync(gzipSync(page(2))), page(2), 'other bytes, their own compression')
})

t.test('what is remembered is bounded in bytes, the least recently used going first', async (t) => {
  const size = page(0).length
  const { gzipSync } = compressedAnswers(3 * size)
  const first = gzipSync(page(0))
  gzipSync(page(1))
  t.equal(gzipSync(page(0)), first, 'still remembered')
  for (let n = 2; n < 6; n++) gzipSync(page(n))
  const again = gzipSync(page(0))
  t.not(again, first, 'pushed out by newer answers, compressed anew')
  t.same(gunzipSync(again), page(0), 'to the same bytes')
})
