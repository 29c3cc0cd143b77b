import type { FastifyError } from 'fastify'
import { ProviderFailedError, ProviderTimeoutError } from '../errors.js'

const MAX_CAUSE_LENGTH = 300

/**
 * What went wrong, in one line a person can act on: the SDKs' messages already start with the HTTP
 * status ("429 Rate limit reached…"); a connection failure adds the system error code it hides in `cause`.
 */
export function describeCause (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  let text = error.message.replace(/\s+/g, ' ').trim() || error.name
  // Gemini's errors keep the HTTP status beside the message rather than in it.
  const status = (error as { status?: unknown }).status
  if (typeof status === 'number' && !text.startsWith(String(status))) text = `${status} ${text}`
  const cause = error.cause as { code?: unknown } | undefined
  if (typeof cause?.code === 'string' && !text.includes(cause.code)) text += ` (${cause.code})`
  return text.length > MAX_CAUSE_LENGTH ? `${text.slice(0, MAX_CAUSE_LENGTH - 1)}…` : text
}

/** The SDKs' own timeout errors (APIConnectionTimeoutError, a fetch TimeoutError), by class or name. */
function isTimeout (error: unknown): boolean {
  return error instanceof Error && [error.constructor.name, error.name].some((name) => /Timeout(Error)?$/.test(name))
}

/** Turns anything a provider threw into an error naming the provider and the cause. */
export function providerFailure (provider: string, error: unknown, timeoutMs: number): FastifyError {
  if (isTimeout(error)) return new ProviderTimeoutError(provider, timeoutMs)
  return new ProviderFailedError(provider, describeCause(error))
}
