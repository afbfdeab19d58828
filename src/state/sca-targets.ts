import { and, eq } from 'drizzle-orm'
import { beneficiaries, cards, credentials, ledgers, refreshTokens, type PrincipalKind } from './db/schema'
import { findEndUser, findEndUserByPhone, isForbidden, type EndUserRef } from './end-users'
import { findPartnerByName } from './partners'
import { checkPassword, hashToken } from './passwords'
import type { ScaOperation } from './sca-policy'
import type { Principal } from './scope'
import type { Store } from './store'

// Whose SCA an operation needs. SCA is the end-user's (its device, its factors): an end-user token
// concerns the caller; a partner token the end-user the call acts for; login and refresh the end-user
// logging in. When no end-user is concerned (a partner user logging in), SCA does not apply.

export interface ScaTargetContext {
  principal: Principal | null
  /** Path parameters of the route. */
  params: Record<string, string>
  /** The parsed JSON body (undefined when absent or not JSON). */
  body: unknown
}

export interface ScaTarget {
  user: EndUserRef
  /** Who makes the call, for the policy's `requiredFor`. */
  caller: 'PARTNER' | 'END_USER'
}

/** Finds the end-user an operation concerns; null means SCA does not apply to this call. */
export type ScaTargetResolver = (store: Store, ctx: ScaTargetContext) => ScaTarget | null

const field = (body: unknown, name: string): string | undefined => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
  return typeof value === 'string' ? value : undefined
}

/**
 * LOGIN: the consumer (consumerPhone) or account owner (accountOwnerPhone) logging in, once its
 * password is right. Wrong credentials, one-time passwords and forbidden users are left to the login
 * itself (401 / passwordChangeSecret / 403), so no challenge is ever sent for a failed login.
 */
export const loginTarget: ScaTargetResolver = (store, { body }) => {
  const partner = findPartnerByName(store, field(body, 'partnerName') ?? '')
  const password = field(body, 'password')
  const consumerPhone = field(body, 'consumerPhone')
  const ownerPhone = field(body, 'accountOwnerPhone')
  if (!partner || password === undefined || field(body, 'username') !== undefined) return null
  const [kind, phone] = consumerPhone ? (['CONSUMER', consumerPhone] as const) : ownerPhone ? (['CORPORATE', ownerPhone] as const) : [null, null]
  if (!kind) return null
  const user = findEndUserByPhone(store, partner.id, kind, phone)
  if (!user || isForbidden(user)) return null
  const credential = credentialOf(store, kind, user.id)
  if (!credential || credential.oneTime || !checkPassword(credential.passwordHash, password)) return null
  return { user, caller: 'END_USER' }
}

/** REFRESH: the end-user whose valid refresh token is presented (a partner user's refresh needs no SCA). */
export const refreshTarget: ScaTargetResolver = (store, { body }) => {
  const token = field(body, 'refreshToken')
  if (!token) return null
  const row = store.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(token))).get()
  if (!row || row.usedAt !== null || row.expiresAt <= store.clock.nowMs()) return null
  const credential = store.db.select().from(credentials).where(eq(credentials.id, row.credentialId)).get()
  if (!credential || credential.principalKind === 'PARTNER') return null
  const user = findEndUser(store, credential.partnerId, credential.principalId)
  return user && !isForbidden(user) ? { user, caller: 'END_USER' } : null
}

/**
 * A resolver for an operation whose end-user a partner token designates through the request:
 * `find` returns that end-user's id (e.g. the owner of the ledger in the body). An end-user token
 * always concerns the caller. Later operations register one in SCA_TARGETS (e.g. `CARD_CREATE: targetOf(...)`).
 */
export function targetOf(find: (store: Store, ctx: ScaTargetContext) => string | undefined): ScaTargetResolver {
  return (store, ctx) => {
    const { principal } = ctx
    if (!principal) return null
    if (principal.kind !== 'PARTNER') {
      const self = findEndUser(store, principal.partnerId, principal.id)
      return self ? { user: self, caller: 'END_USER' } : null
    }
    const id = find(store, ctx)
    const user = id ? findEndUser(store, principal.partnerId, id) : undefined
    return user ? { user, caller: 'PARTNER' } : null
  }
}

/** Path parameters and body fields that name the end-user a partner acts for, in this order. */
const END_USER_PARAMS = ['consumerId', 'corporateId', 'endUserId'] as const

/**
 * Any other operation: an end-user token concerns the caller; a partner token the end-user named by
 * the path (consumerId, corporateId, endUserId) or the body (endUserId, consumerId). Operations whose
 * end-user is found another way (a ledger's or a card's owner) pass their own resolver (targetOf).
 */
export const defaultTarget: ScaTargetResolver = targetOf(
  (_store, { params, body }) => END_USER_PARAMS.map((p) => params[p]).find(Boolean) ?? field(body, 'endUserId') ?? field(body, 'consumerId'),
)

/** BENEFICIARY_UPDATE: the owner of the beneficiary in the path (the partner's; else SCA does not apply and the PATCH answers 404). */
const beneficiaryOwner = targetOf((store, { principal, params }) =>
  store.db.select({ endUserId: beneficiaries.endUserId }).from(beneficiaries)
    .where(and(eq(beneficiaries.id, (params.beneficiaryId ?? '').toLowerCase()), eq(beneficiaries.partnerId, principal?.partnerId ?? ''))).get()?.endUserId)

/** TRANSACTION_CREATE, INTER_LEDGER_TRANSACTION_CREATE: the holder of the body's ledgerFromId (the partner's; else the operation answers LEDGER_NOT_FOUND). */
const senderLedgerOwner = targetOf((store, { principal, body }) =>
  store.db.select({ endUserId: ledgers.endUserId }).from(ledgers)
    .where(and(eq(ledgers.id, (field(body, 'ledgerFromId') ?? '').toLowerCase()), eq(ledgers.partnerId, principal?.partnerId ?? ''))).get()?.endUserId)

/**
 * Card operations on the path's card (rules, PIN, PAN credentials): its holder. A card the caller
 * cannot see (another partner's; for an end-user token, another end-user's) needs no SCA: the
 * operation answers CARD_NOT_FOUND.
 */
const pathCardOwner: ScaTargetResolver = (store, ctx) => {
  const card = store.db.select({ endUserId: cards.endUserId }).from(cards)
    .where(and(eq(cards.id, (ctx.params.cardId ?? '').toLowerCase()), eq(cards.partnerId, ctx.principal?.partnerId ?? ''))).get()
  if (!card || (ctx.principal?.kind !== 'PARTNER' && ctx.principal?.id !== card.endUserId)) return null
  return targetOf(() => card.endUserId)(store, ctx)
}

/** CARD_CREATE: the holder of the body's ledgerId (the partner's; else the operation answers LEDGER_NOT_FOUND). */
const bodyLedgerOwner = targetOf((store, { principal, body }) =>
  store.db.select({ endUserId: ledgers.endUserId }).from(ledgers)
    .where(and(eq(ledgers.id, (field(body, 'ledgerId') ?? '').toLowerCase()), eq(ledgers.partnerId, principal?.partnerId ?? ''))).get()?.endUserId)

/** The resolvers of the operations that need one beyond the default. */
export const SCA_TARGETS: Partial<Record<ScaOperation, ScaTargetResolver>> = { LOGIN: loginTarget, REFRESH: refreshTarget, BENEFICIARY_UPDATE: beneficiaryOwner,
  TRANSACTION_CREATE: senderLedgerOwner, INTER_LEDGER_TRANSACTION_CREATE: senderLedgerOwner,
  CARD_RULES_UPDATE: pathCardOwner, CARD_RULE_DELETE: pathCardOwner, CARD_PIN_GET: pathCardOwner, CARD_PIN_RESET: pathCardOwner,
  CARD_PAN_CREDENTIALS: pathCardOwner,
  CARD_CREATE: bodyLedgerOwner,
}

function credentialOf(store: Store, kind: PrincipalKind, principalId: string) {
  return store.db.select().from(credentials).where(and(eq(credentials.principalKind, kind), eq(credentials.principalId, principalId))).get()
}
