import createError from '@fastify/error'

export const BriefingNotFoundError = createError<[string]>('BRIEFING_NOT_FOUND', 'You have no briefing for %s', 404)
