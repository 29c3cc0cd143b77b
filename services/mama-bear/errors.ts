import createError from '@fastify/error'

export const ConversationNotFoundError = createError<[string]>('MAMA_BEAR_CONVERSATION_NOT_FOUND', 'Conversation %s not found', 404)
export const TooManyGenerationsError = createError<[number]>('MAMA_BEAR_BUSY', 'You already have %d answers being generated; wait for one to finish or stop it', 429)
export const ConversationBusyError = createError<[string]>('MAMA_BEAR_CONVERSATION_BUSY', 'Conversation %s is already generating an answer; wait for it or stop it', 409)
export const NotGeneratingError = createError<[string]>('MAMA_BEAR_NOT_GENERATING', 'Conversation %s has no answer being generated', 409)
export const InvalidCursorError = createError('INVALID_CURSOR', 'The cursor is not one this list gave out', 400)
export const ProviderFailedError = createError<[string, string]>('AI_PROVIDER_ERROR', 'The %s provider failed: %s', 502)
export const ProviderTimeoutError = createError<[string, number]>('AI_PROVIDER_TIMEOUT', 'The %s provider did not answer within %d ms', 504)
export const ShuttingDownError = createError('MAMA_BEAR_SHUTTING_DOWN', 'The server is shutting down; the answer was cut short', 503)
