import fp from 'fastify-plugin'
import compress from '@fastify/compress'
import { compressedAnswers } from './compressed-answers.js'

/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
const THRESHOLD_BYTES = 1024
/**
 * Answers up to this size are compressed in one call (and remembered) rather than through a zlib
 * stream, whose set-up costs more than compressing a page of results does; larger ones stream.
 */
const SYNC_THRESHOLD_BYTES = 64 * 1024
/** What the remembered compressed answers may take, keys included. */
const REMEMBERED_BYTES = 16 * 1024 * 1024

/**
 * Compresses answers over 1 KB with br or gzip when the client asks for one (Accept-Encoding),
 * remembering the compressed bytes of recent answers (compressed-answers.ts). Request bodies are
 * not decompressed. Health probes opt out in their route options (their answers are tiny), which
 * also spares them the plugin's hooks.
 */
export default fp(async (fastify) => {
  await fastify.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: THRESHOLD_BYTES,
    syncThreshold: SYNC_THRESHOLD_BYTES,
    zlib: compressedAnswers(REMEMBERED_BYTES),
    globalDecompression: false
  })
}, { name: 'compression' })
