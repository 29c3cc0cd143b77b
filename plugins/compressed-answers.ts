import { brotliCompressSync, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib'
import { LRUCache } from 'lru-cache'

type Compress<Options> = (payload: Buffer, options?: Options) => Buffer

/**
 * The synchronous compressors @fastify/compress calls (its `zlib` option), each remembering what it
 * produced for the last answers it compressed. Catalog reads answer the same bytes to every reader
 * until the catalog changes, and compressing a 13 KB search page costs several times what serving
 * it does; an answer compressed once is then sent as it was. Keyed by the bytes themselves (each
 * byte one latin1 character, so the key is exact), bounded in bytes, least recently used out.
 */
export function compressedAnswers (maxBytes: number): { gzipSync: Compress<ZlibOptions>, brotliCompressSync: Compress<BrotliOptions> } {
  const cache = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (compressed, key) => key.length + compressed.length })
  function remembered<Options> (encoding: string, compress: Compress<Options>): Compress<Options> {
    return (payload, options) => {
      const key = `${encoding}\n${payload.toString('latin1')}`
      let compressed = cache.get(key)
      if (compressed === undefined) {
        compressed = compress(payload, options)
        cache.set(key, compressed)
      }
      return compressed
    }
  }
  return { gzipSync: remembered('gzip', gzipSync), brotliCompressSync: remembered('br', brotliCompressSync) }
}
