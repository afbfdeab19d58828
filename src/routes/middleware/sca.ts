import type { MiddlewareHandler } from 'hono'
import { z } from '@hono/zod-openapi'
import type { AppEnv } from '../env'

// Strong Customer Authentication gate. Operations whose reference documents the Linkcy-SCA-*
// headers declare `requireSca('<OPERATION>')` in their route's middleware; domain code never sees SCA.
// SIM: until the SCA engine lands, every call proceeds as if Linkcy-SCA-Strategy were BY_PASS.

/** The Linkcy-SCA-* request headers of every doc version, accepted together. */
export const scaHeaders = z.object({
  'Linkcy-SCA-Strategy': z.enum(['PUSH_NOTIFICATION', 'JOIN_CODE', 'FAIL', 'DATA_SIGNING', 'BY_PASS']).optional(),
  'Linkcy-SCA-Factor': z.enum(['BIOMETRY', 'PIN']).optional(),
  'Linkcy-SCA-Id': z.string().uuid().optional(),
  'Linkcy-SCA-Signature': z.string().optional(),
})

export function requireSca(_operation: string): MiddlewareHandler<AppEnv> {
  return async (_c, next) => next()
}
