import fp from 'fastify-plugin'
import compress from '@fastify/compress'

/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
const THRESHOLD_BYTES = 1024

/**
 * Compresses answers over 1 KB with br or gzip when the client asks for one (Accept-Encoding).
 * Request bodies are not decompressed. Health probes opt out in their route options (their
 * answers are tiny), which also spares them the plugin's hooks.
 */
export default fp(async (fastify) => {
  await fastify.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: THRESHOLD_BYTES,
    globalDecompression: false
  })
}, { name: 'compression' })
