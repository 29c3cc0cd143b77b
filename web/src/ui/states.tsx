import type { ComponentChildren } from 'preact'
import { ApiError } from '../api/client'
import type { Resource } from './use-resource'

export function Loading ({ what }: { what: string }) {
  return <p class='state loading' role='status'>Loading {what}…</p>
}

export function Empty ({ children }: { children: ComponentChildren }) {
  return <p class='state empty'>{children}</p>
}

/** The service's own message, code and request id, so a person can quote them. */
export function ErrorNote ({ error, retry }: { error: Error, retry?: () => void }) {
  return (
    <div class='state error' role='alert'>
      <strong>{error.message}</strong>
      {error instanceof ApiError && error.code !== 'NETWORK_ERROR' && (
        <span class='error-meta'> {error.code}{error.requestId && <> · request_id <code>{error.requestId}</code></>}</span>
      )}
      {retry && <button type='button' class='link' onClick={retry}>Try again</button>}
    </div>
  )
}

/** Loading, error or the data, for any resource; `what` names it in the loading line. */
export function Loaded<T> ({ resource, what, children }: { resource: Resource<T>, what: string, children: (data: T) => ComponentChildren }) {
  if (resource.data !== undefined) {
    return <>{resource.error && <ErrorNote error={resource.error} retry={resource.reload} />}{children(resource.data)}</>
  }
  if (resource.error) return <ErrorNote error={resource.error} retry={resource.reload} />
  return <Loading what={what} />
}
