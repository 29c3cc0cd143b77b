import { Type, type Static } from '@sinclair/typebox'
import { SystemStatus } from './health.js'
import { Scope } from './auth.js'

/** Sent for any inbound event that failed (bad payload, missing scope, service error). */
export const SocketError = Type.Object({
  message: Type.String(),
  code: Type.String(),
  event: Type.String({ description: 'the inbound event that failed' })
}, { $id: 'SocketError', title: 'SocketError' })
export type SocketError = Static<typeof SocketError>

export const Connected = Type.Object({
  status: Type.Literal('success'),
  message: Type.String(),
  client_id: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
  services: Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')])),
  user: Type.Object({ id: Type.String(), name: Type.String(), scopes: Type.Array(Scope) })
}, { $id: 'Connected', title: 'Connected' })

export const TestEvent = Type.Unknown({ $id: 'TestEvent', title: 'TestEvent', description: 'any JSON value; echoed back' })

export const TestResponse = Type.Object({
  status: Type.Literal('success'),
  message: Type.String(),
  data: Type.Unknown()
}, { $id: 'TestResponse', title: 'TestResponse' })

/** Events that carry no payload; whatever is sent is ignored. */
export const NoPayload = Type.Unknown({ $id: 'NoPayload', title: 'NoPayload', description: 'no payload is needed' })

export const Acknowledged = Type.Object({ ok: Type.Literal(true) }, { $id: 'Acknowledged', title: 'Acknowledged' })

/** Every event the server emits, with its payload schema: the typed contract and the AsyncAPI source. */
export const serverEvents = {
  connected: Connected,
  error: SocketError,
  test_response: TestResponse,
  system_status: SystemStatus
}

/** Every event the server handles, with its payload schema. */
export const clientEvents = {
  test_event: TestEvent,
  system_status_request: NoPayload,
  system_status_subscribe: NoPayload,
  system_status_unsubscribe: NoPayload
}
