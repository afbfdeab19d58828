import type { MiddlewareHandler } from 'hono'
import { resolvePrincipal } from '../../state/auth'
import { AuthError } from '../../state/errors'
import type { LinkcyRole } from '../../state/enums'
import type { AppEnv } from '../env'

/**
 * The endpoints that take credentials instead of a token (security: none in LinkCy's reference). A
 * stale bearer a client's interceptor attaches to them is ignored: a client must be able to refresh
 * with an expired access token.
 */
export const CREDENTIAL_ENDPOINTS = new Set(['/api/partner/login', '/api/partner/refresh', '/api/partner/passwords/reset', '/api/partner/passwords/change'])

/**
 * Resolves `Authorization: Bearer <jwt>` to c.var.principal. A missing header leaves the call
 * anonymous (each route then decides); a forged, expired or orphaned token is a 401 right away.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization')
  if (!header || CREDENTIAL_ENDPOINTS.has(c.req.path)) {
    c.set('principal', null)
    return next()
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  const principal = match ? resolvePrincipal(c.var.store, match[1]!) : null
  if (!principal) throw new AuthError(401, 'Full authentication is required to access this resource')
  c.set('principal', principal)
  return next()
}

export interface Access {
  /** Roles a partner user needs (all of them). */
  roles?: readonly LinkcyRole[]
  /** Whether a consumer or corporate token may call the operation (on its own data). */
  endUser?: boolean
  /** Whether the operation also accepts anonymous calls (consumer creation with partnerName). */
  anonymous?: boolean
}

/** Route guard: who may call an operation. Missing principal → 401; wrong kind or role → 403. */
export function requires(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.var.principal
    if (!principal) {
      if (access.anonymous) return next()
      throw new AuthError(401, 'Full authentication is required to access this resource')
    }
    if (principal.kind === 'PARTNER') {
      const missing = (access.roles ?? []).filter((r) => !principal.roles.includes(r))
      if (missing.length > 0) throw new AuthError(403, 'Access Denied')
    } else if (!access.endUser) {
      throw new AuthError(403, 'Access Denied')
    }
    return next()
  }
}

/** Scope of the current call (partner and principal), for state operations. */
export function scopeOf(c: { var: AppEnv['Variables'] }, partnerId?: string) {
  const principal = c.var.principal
  return { partnerId: principal?.partnerId ?? partnerId ?? '', principal }
}
