import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js'

/** The SDK's own request timer is set just past ours, so the configured limit (our signal) decides. */
export const SDK_TIMER_MARGIN_MS = 1000

/** What a caller may add to one request: its own cancellation, and where progress goes. */
export interface CallOptions {
  /** Aborting it cancels the request upstream (notifications/cancelled), as the timeout does. */
  signal?: AbortSignal
  onprogress?: RequestOptions['onprogress']
}

/**
 * The options for one request that may take long: cancelled at `timeoutMs` or when the caller's
 * signal aborts, whichever comes first; progress reported to the caller when it asks for it.
 */
export function callLimits (timeoutMs: number, options: CallOptions = {}): RequestOptions {
  const deadline = AbortSignal.timeout(timeoutMs)
  return {
    signal: options.signal ? AbortSignal.any([deadline, options.signal]) : deadline,
    timeout: timeoutMs + SDK_TIMER_MARGIN_MS,
    ...(options.onprogress ? { onprogress: options.onprogress } : {})
  }
}
