import type { PrincipalKind } from './db/tables/auth'
import { SimError } from './errors'

/** Who is calling: resolved from the bearer JWT by routes/middleware/auth.ts. */
export interface Principal {
  kind: PrincipalKind
  partnerId: string
  partnerName: string
  /** Partner account id for PARTNER, end-user id for CONSUMER / CORPORATE. */
  id: string
  roles: readonly string[]
}

/** What a state operation may see: one partner's rows, and for an end-user only its own. */
export interface Scope {
  partnerId: string
  principal: Principal | null
}

export const isEndUser = (scope: Scope): boolean => scope.principal?.kind === 'CONSUMER' || scope.principal?.kind === 'CORPORATE'

/** LinkCy's name of the caller's user type, as used in messages ("Current user type is {0}"). */
export const userTypeOf = (scope: Scope): string => scope.principal?.kind ?? 'ANONYMOUS'

/**
 * The person an operation targets: an end-user always acts on itself (a body id is ignored);
 * a partner must name the person, else the documented "...ID_REQUIRED" error.
 */
export function targetPersonId(
  scope: Scope,
  bodyId: string | undefined,
  missing: 'PERSON_ID_REQUIRED' | 'END_USER_ID_REQUIRED',
  field: string,
): string {
  if (scope.principal && isEndUser(scope)) return scope.principal.id
  if (bodyId) return bodyId
  throw new SimError(missing, [userTypeOf(scope)], { field, rejectedValue: null })
}
