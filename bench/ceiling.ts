import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import type { RecordedAnswer } from './recorded.js'

/**
 * The ceiling of a benchmark row: a bare Fastify route, no plugins, no logging, answering the very
 * bytes the app answered (status, content type, encoding and body, recorded from the app) on the
 * same method and path. Whatever the app costs beyond this is the cost of our stack.
 */
const answer = JSON.parse(readFileSync(process.env.BENCH_ANSWER as string, 'utf8')) as RecordedAnswer
const body = Buffer.from(answer.body, 'base64')
const app = Fastify({ logger: false })
app.route({
  method: answer.method,
  url: answer.path.split('?')[0],
  handler: (_request, reply) => {
    reply.code(answer.status).headers(answer.headers)
    if (answer.status === 304) reply.send()
    else reply.send(body)
  }
})
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
