import { ErrorResponse } from './common.js'
import { Scope, TokenInfo } from './auth.js'
import { Readiness, ServiceCheck } from './health.js'

/**
 * Schemas with an $id, registered once on the root instance: routes reference them with Type.Ref,
 * and OpenAPI lists them as named components. A domain adds its named schemas here.
 */
export const sharedSchemas = [ErrorResponse, Scope, TokenInfo, ServiceCheck, Readiness]
