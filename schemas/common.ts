import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** The error body for every 4xx and 5xx, HTTP and socket alike (DESIGN.md §3). */
export const ErrorResponse = Type.Object({
  statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
  error: Type.String({ description: 'the HTTP reason phrase' }),
  message: Type.String(),
  code: Type.String({ description: 'a stable machine-readable code, e.g. FST_ERR_VALIDATION' }),
  request_id: Type.String(),
  error_id: Type.Optional(Type.String({ description: 'present on 5xx; quote it when reporting a problem' }))
}, { $id: 'ErrorResponse', title: 'ErrorResponse' })
export type ErrorResponse = Static<typeof ErrorResponse>

export const ErrorRef = Type.Ref(ErrorResponse)

/** Every status an authenticated /api route may answer with besides its own. */
export const authErrors = { 401: ErrorRef, 403: ErrorRef, 429: ErrorRef, 500: ErrorRef }

/** A conditional read's answer when the client's If-None-Match names the current ETag. */
export const NotModified = Type.Null({ description: 'Not Modified: the ETag in If-None-Match is current; no body' })

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
export const Cursor = Type.String({ minLength: 1, maxLength: 512, description: 'opaque; from next_cursor' })

/** A page of items: `next_cursor` is null at the end. */
export const Page = <T extends TSchema>(item: T, title: string) => Type.Object({
  items: Type.Array(item),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ minimum: 0 })
}, { title })

export const Timestamp = Type.String({ format: 'date-time' })
