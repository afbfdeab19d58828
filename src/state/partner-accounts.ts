import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { partnerAccounts } from './db/schema'
import { upsertCredential } from './auth'
import { SimError } from './errors'
import { recordMessage } from './outbox'
import { getPartner, type PartnerAccountRow } from './partners'
import type { Scope } from './scope'
import type { Store } from './store'

// Partner user accounts: the people of a partner who log in with an e-mail and call the API with a
// partner token. Each account holds a subset of the roles of whoever created it.

/** The account of this partner with this id, or undefined (another partner's account reads as absent). */
export function findPartnerAccount(store: Store, partnerId: string, accountId: string): PartnerAccountRow | undefined {
  return store.db
    .select()
    .from(partnerAccounts)
    .where(and(eq(partnerAccounts.partnerId, partnerId), eq(partnerAccounts.id, accountId)))
    .get()
}

export interface AccountListQuery {
  sortAttribute?: 'EMAIL'
  sortDirection?: 'ASC' | 'DESC'
}

/**
 * GET /api/partner/accounts: every user account of the caller's partner. Sorted by e-mail when
 * asked, else in creation order (SIM: LinkCy documents no default order).
 */
export function listUserAccounts(store: Store, scope: Scope, query: AccountListQuery): PartnerAccountRow[] {
  const dir = query.sortDirection === 'DESC' ? desc : asc
  const order = query.sortAttribute === 'EMAIL' ? [dir(partnerAccounts.email)] : [dir(partnerAccounts.creationDate), dir(sql`rowid`)]
  return store.db.select().from(partnerAccounts).where(eq(partnerAccounts.partnerId, scope.partnerId)).orderBy(...order).all()
}

/** A caller can only hand out roles it holds itself: the first one it lacks is ROLE_NOT_ALLOWED. */
function assertRolesGrantable(scope: Scope, roles: readonly string[]): void {
  const held = scope.principal?.roles ?? []
  const missing = roles.find((r) => !held.includes(r))
  if (missing !== undefined) throw new SimError('ROLE_NOT_ALLOWED', [missing])
}

/**
 * POST /api/partner/accounts: creates a user account with a one-time password (the `otp`), which
 * LinkCy also e-mails to the new user. The first login with it answers a passwordChangeSecret.
 */
export function createUserAccount(store: Store, scope: Scope, input: { email: string; roles: readonly string[] }): { account: PartnerAccountRow; otp: string } {
  const partner = getPartner(store, scope.partnerId)
  const roles = [...new Set(input.roles)]
  assertRolesGrantable(scope, roles)
  const email = input.email.toLowerCase()
  const taken = store.db
    .select({ id: partnerAccounts.id })
    .from(partnerAccounts)
    .where(and(eq(partnerAccounts.partnerId, partner.id), sql`lower(${partnerAccounts.email}) = ${email}`))
    .get()
  if (taken) throw new SimError('EMAIL_ALREADY_TAKEN')
  const now = store.clock.nowMs()
  const account: PartnerAccountRow = { id: store.rng.uuid(), partnerId: partner.id, email, roles, creationDate: now, updateDate: now }
  store.db.insert(partnerAccounts).values(account).run()
  const otp = store.rng.secret(9)
  upsertCredential(store, { partnerId: partner.id, kind: 'PARTNER', principalId: account.id, login: email, password: otp, oneTime: true })
  recordMessage(store, {
    partnerId: partner.id,
    channel: 'EMAIL',
    recipient: email,
    personId: account.id,
    purpose: 'PARTNER_ACCOUNT_OTP',
    text: `Your ${partner.displayName ?? partner.name} account has been created. Log in with the one-time password ${otp} and choose your password.`,
    payload: { otp },
  })
  return { account, otp }
}

/** PATCH /api/partner/accounts/{accountId}: replaces the roles of one of the partner's accounts. */
export function updateUserAccount(store: Store, scope: Scope, accountId: string, input: { roles: readonly string[] }): PartnerAccountRow {
  const account = findPartnerAccount(store, scope.partnerId, accountId)
  if (!account) throw new SimError('PARTNER_ACCOUNT_NOT_FOUND', [accountId])
  const roles = [...new Set(input.roles)]
  assertRolesGrantable(scope, roles)
  const updateDate = store.clock.nowMs()
  store.db.update(partnerAccounts).set({ roles, updateDate }).where(eq(partnerAccounts.id, account.id)).run()
  return { ...account, roles, updateDate }
}
