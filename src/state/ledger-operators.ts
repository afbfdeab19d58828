import { SimError } from './errors'
import type { Operator } from './ledger-types'
import { isEndUser, userTypeOf, type Scope } from './scope'

// Who may act as which operator on suspensions and closures (ledgers and end-users). LinkCy lists
// INSUFFICIENT_RIGHTS on these operations without saying who holds which right; the simulator's
// rule (docs/fidelity.md): LINKCY is LinkCy's own back office, so neither a partner nor an end-user
// may use it; a partner acts as PARTNER, or as END_USER on its end-user's behalf; an end-user acts
// only as END_USER.

/** The operator a call acts as when its body does not say: END_USER for an end-user token, else PARTNER. */
export function defaultOperator(scope: Scope): Operator {
  return isEndUser(scope) ? 'END_USER' : 'PARTNER'
}

/** Whether the caller may suspend, lift or close as `operator`. */
export function mayActAs(scope: Scope, operator: Operator): boolean {
  if (operator === 'LINKCY') return false
  return isEndUser(scope) ? operator === 'END_USER' : true
}

/** 403 INSUFFICIENT_RIGHTS ({0}: the caller's user type) unless the caller may act as `operator`. */
export function assertMayActAs(scope: Scope, operator: Operator): void {
  if (!mayActAs(scope, operator)) throw new SimError('INSUFFICIENT_RIGHTS', [userTypeOf(scope)])
}
