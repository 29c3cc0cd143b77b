import fp from 'fastify-plugin'
import type { FastifyReply } from 'fastify'

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Sets the answer's ETag (weak: the same for every encoding) from a validator and, when the
     * request's If-None-Match already names it, answers 304 at once; true then, and the route
     * returns the reply.
     */
    notModified: (version: string) => boolean
  }
}

/** If-None-Match holds `*` or a list of entity tags, each compared weakly (RFC 9110 §13.1.2). */
function matches (condition: string, etag: string): boolean {
  if (condition.trim() === '*') return true
  const opaque = etag.slice(2)
  return condition.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque)
}

/** Conditional reads: a client that already holds the current answer gets 304 without it. */
export default fp(async (fastify) => {
  fastify.decorateReply('notModified', function (this: FastifyReply, version: string): boolean {
    const etag = `W/"${version}"`
    this.header('etag', etag)
    const condition = this.request.headers['if-none-match']
    if (condition === undefined || !matches(condition, etag)) return false
    // No body, and so no length: a length on a 304 announces bytes a keep-alive client would wait for.
    this.code(304).send()
    return true
  })
}, { name: 'conditional-get' })
