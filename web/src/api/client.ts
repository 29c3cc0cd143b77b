import createClient from 'openapi-fetch'
import type { components, paths } from './schema'

/** Every named schema of the service's OpenAPI document, e.g. `Schemas['McpServer']`. */
export type Schemas = components['schemas']
type ErrorBody = Schemas['ErrorResponse']

/** A failed call, with what the service said: its message, code and request id. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly requestId: string | undefined

  constructor (status: number, code: string, message: string, requestId?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.requestId = requestId
  }
}

function isErrorBody (value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).message === 'string' && typeof (value as ErrorBody).code === 'string'
}

let bearer: string | undefined
let onUnauthorized: (error: ApiError) => void = () => {}

/** The token every call carries from now on (undefined: none), and what a 401 does (sign out). */
export function authenticate (token: string | undefined, unauthorized: (error: ApiError) => void = () => {}): void {
  bearer = token
  onUnauthorized = unauthorized
}

/** The service's HTTP API, typed from its OpenAPI document (schema.d.ts, generated). */
export const api = createClient<paths>({ baseUrl: location.origin })
api.use({
  onRequest ({ request }) {
    if (bearer) request.headers.set('authorization', `Bearer ${bearer}`)
    return request
  }
})

/**
 * The data of a call, or an ApiError with the service's message. Every screen goes through here,
 * so a revoked token signs the page out wherever it is noticed.
 */
export async function call<T> (request: Promise<{ data?: T, error?: unknown, response: Response }>): Promise<T> {
  let result: { data?: T, error?: unknown, response: Response }
  try {
    result = await request
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', `The service cannot be reached (${(error as Error).message})`)
  }
  const { data, error, response } = result
  if (!response.ok) {
    const failure = isErrorBody(error)
      ? new ApiError(response.status, error.code, error.message, error.request_id)
      : new ApiError(response.status, 'HTTP_ERROR', `${response.status} ${response.statusText}`, response.headers.get('x-request-id') ?? undefined)
    if (response.status === 401) onUnauthorized(failure)
    throw failure
  }
  return data as T
}

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never
/** The JSON an operation answers with on success, e.g. `Answer<'/api/auth/me', 'get'>`. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { responses: infer R } ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]> : never

/** The query parameters an operation takes, e.g. `QueryOf<'/api/mcp/servers', 'get'>`. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never

/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
