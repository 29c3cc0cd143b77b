import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { BriefingDate, BriefingResponse, TodayQuery } from '../../../schemas/briefing.js'
import { ErrorRef, authErrors } from '../../../schemas/common.js'

/** The daily briefing, in the original's `{success, briefing, timestamp}` shape. */
const briefing: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/today', {
    schema: {
      operationId: 'getTodaysBriefing',
      tags: ['briefing'],
      summary: "Today's briefing (UTC day), written on the first request of the day and kept",
      querystring: TodayQuery,
      response: { 200: BriefingResponse, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    // The request may wait for a language model to write the briefing.
    request.socket.setTimeout?.(0)
    const today = await fastify.briefing.today(request.principal!.userId, request.query.refresh)
    return { success: true as const, briefing: today, timestamp: new Date().toISOString() }
  })

  fastify.get('/:date', {
    schema: {
      operationId: 'getBriefing',
      tags: ['briefing'],
      summary: 'The briefing of a day, as it was written then',
      params: Type.Object({ date: BriefingDate }),
      response: { 200: BriefingResponse, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const kept = await fastify.briefing.forDate(request.principal!.userId, request.params.date)
    return { success: true as const, briefing: kept, timestamp: new Date().toISOString() }
  })
}

export default briefing
