import { and, eq } from 'drizzle-orm'
import { setEndUserCardsBlocked } from './card-rules'
import { endUserSuspensions } from './db/schema'
import { getBankingEndUser, type BankingEndUser } from './end-user-checks'
import { emitEndUserUpdated, setEndUserColumns } from './end-users'
import { SimError } from './errors'
import { assertMayActAs, defaultOperator } from './ledger-operators'
import type { Operator } from './ledger-types'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'

// POST/DELETE /end-users/{endUserId}/suspensions: an end-user suspended by an operator can no longer
// bank (END_USER_MUST_NOT_BE_SUSPENDED on ledgers, transfers, cards...). Each operator lifts only
// its own suspension; the end-user's suspensionStatus is SUSPENDED while any remains.

export type EndUserSuspensionRow = typeof endUserSuspensions.$inferSelect

/** The end-user a suspension call targets: the partner's (an end-user token: only itself), else 404 END_USER_NOT_FOUND. */
function target(store: Store, scope: Scope, endUserId: string): BankingEndUser {
  const id = isEndUser(scope) && scope.principal?.id !== endUserId ? '' : endUserId
  if (!id) throw new SimError('END_USER_NOT_FOUND', [endUserId], { status: 404 })
  return getBankingEndUser(store, scope.partnerId, id, 'endUserId', 404)
}

/**
 * The end-user's suspensions by operator. SIM: an end-user SUSPENDED without a recorded suspension
 * (a scenario's suspensionStatus) counts as suspended by LINKCY.
 */
export function suspensionsOf(store: Store, consumer: Pick<BankingEndUser, 'id' | 'suspensionStatus' | 'statusReasons' | 'updateDate'>): Pick<EndUserSuspensionRow, 'operator' | 'reason' | 'date'>[] {
  const rows = store.db.select().from(endUserSuspensions).where(eq(endUserSuspensions.endUserId, consumer.id)).all()
  if (rows.length === 0 && consumer.suspensionStatus === 'SUSPENDED') return [{ operator: 'LINKCY', reason: consumer.statusReasons.suspension ?? null, date: consumer.updateDate }]
  return rows
}

/**
 * Suspends an end-user for `operator` (default: the caller's own). 403 INSUFFICIENT_RIGHTS, 404
 * END_USER_NOT_FOUND, 409 END_USER_MUST_NOT_BE_SUSPENDED when already suspended by anyone.
 */
export function suspendEndUser(store: Store, scope: Scope, endUserId: string, req: { operator?: Operator; reason: string }): BankingEndUser {
  const operator = req.operator ?? defaultOperator(scope)
  assertMayActAs(scope, operator)
  const consumer = target(store, scope, endUserId)
  if (suspensionsOf(store, consumer).length > 0) throw new SimError('END_USER_MUST_NOT_BE_SUSPENDED', [consumer.id])
  const now = store.clock.nowMs()
  store.db.insert(endUserSuspensions).values({ partnerId: consumer.partnerId, endUserId: consumer.id, operator, reason: req.reason, date: now }).run()
  setEndUserCardsBlocked(store, consumer.id, true) // each card gets a LINKCY rule with a 0 limit
  const statusReasons = { ...consumer.statusReasons, suspension: req.reason }
  setEndUserColumns(store, consumer, { suspensionStatus: 'SUSPENDED', statusReasons }, now)
  emitEndUserUpdated(store, { ...consumer, suspensionStatus: 'SUSPENDED' })
  return { ...consumer, suspensionStatus: 'SUSPENDED', statusReasons, updateDate: now }
}

/**
 * Lifts `operator`'s suspension of an end-user (403 INSUFFICIENT_RIGHTS for an operator the caller
 * may not act as). SIM: lifting a suspension that does not exist changes nothing (204).
 */
export function unsuspendEndUser(store: Store, scope: Scope, endUserId: string, operator: Operator): BankingEndUser {
  assertMayActAs(scope, operator)
  const consumer = target(store, scope, endUserId)
  const current = suspensionsOf(store, consumer)
  if (!current.some((s) => s.operator === operator)) return consumer
  store.db.delete(endUserSuspensions).where(and(eq(endUserSuspensions.endUserId, consumer.id), eq(endUserSuspensions.operator, operator))).run()
  if (current.length > 1) return consumer
  setEndUserCardsBlocked(store, consumer.id, false)
  const now = store.clock.nowMs()
  const { suspension: _lifted, ...statusReasons } = consumer.statusReasons
  setEndUserColumns(store, consumer, { suspensionStatus: 'NOT_SUSPENDED', statusReasons }, now)
  emitEndUserUpdated(store, { ...consumer, suspensionStatus: 'NOT_SUSPENDED' })
  return { ...consumer, suspensionStatus: 'NOT_SUSPENDED', statusReasons, updateDate: now }
}
