import createError from '@fastify/error'

export const MissingTokenError = createError('AUTH_REQUIRED', 'A bearer token is required: send Authorization: Bearer <token>', 401)
export const InvalidTokenError = createError('AUTH_INVALID', 'The bearer token is unknown or revoked', 401)
export const MissingScopeError = createError<[string]>('AUTH_SCOPE', "This operation needs the '%s' scope", 403)
export const TokenNotFoundError = createError<[string]>('TOKEN_NOT_FOUND', 'No live token with id %s', 404)
