import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import type { KybStatus } from '../../src/state/corporate-enums'
import { setCorporateKybStatus, type CorporateRow } from '../../src/state/corporates'
import { corporates } from '../../src/state/db/schema'
import { tx } from '../../src/state/store'
import { upsertCredential } from '../../src/state/auth'
import type { TestWorld } from './app'
import { referenceErrors } from './reference'

// Corporates for the route tests: a valid POST /corporates body, creation through the API, the
// account owner's login and the KYB status set straight in state (setCorporateKybStatus).

export const CORPORATES = '/api/partner/corporates'
/** The password the helpers give account owners they log in. */
export const OWNER_PASSWORD = 'Owner-Password-1'

let seq = 0

/** A fresh French mobile number (8 digits after '6'), unique in this test process. */
export function freshOwnerNumber(): string {
  return `7${String(10_000_000 + ++seq).slice(-8)}`
}

/**
 * A valid POST /corporates body: a French SAS with a unique incorporation code, its registered
 * address, expected volume and an account owner (director, 40% direct shares, fresh French mobile).
 * `overrides` replace top-level members; `owner` members of accountOwnerInfo.
 */
export function corporateBody(overrides: Record<string, unknown> = {}, owner: Record<string, unknown> = {}): Record<string, any> {
  const n = ++seq
  return {
    registeredName: `Acme ${n} SAS`,
    tradeName: `Acme ${n}`,
    incorporationCountry: 'FRA',
    incorporationCode: `9${String(100_000_000_0000 + n)}`,
    incorporationDate: '2020-02-03',
    legalType: { franceValue: 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS' },
    industry: 'IT_SERVICES',
    registeredAddress: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75002', street: 'Rue de la Paix', number: '1' },
    expectedMonthlyExpenses: { value: 'BTW_10_000_AND_50_000', currency: 'EUR' },
    employeesRange: 'BTW_1_AND_10',
    accountPurposes: ['PAY_BILLS'],
    lastTermsAccepted: '1.0',
    ...overrides,
    accountOwnerInfo: {
      firstName: 'Alice',
      lastName: 'Martin',
      isDirector: true,
      directorAppointmentDate: '2020-02-03',
      directSharesPercentage: 40,
      nationalityCode: 'FRA',
      emailAddress: `alice.${n}@acme.test`,
      phone: { countryCode: '33', number: freshOwnerNumber() },
      ...((overrides.accountOwnerInfo as Record<string, unknown> | undefined) ?? {}),
      ...owner,
    },
  }
}

export interface CreatedCorporate {
  corporateId: string
  accountOwnerId: string
  /** The account owner's phone as digits, country code first: the corporate's login. */
  phoneDigits: string
  body: Record<string, any>
}

/**
 * POST /corporates through the API (as the sandbox partner unless `token` is null: then anonymous
 * with partnerName), asserting 201 and the reference's response schema.
 */
export async function createCorporate(w: TestWorld, overrides: Record<string, unknown> = {}, token?: string | null): Promise<CreatedCorporate> {
  const body = corporateBody(overrides)
  const auth = token === null ? undefined : (token ?? (await w.partnerToken()))
  if (!auth && body.partnerName === undefined) body.partnerName = 'sandbox'
  const res = await w.call('POST', CORPORATES, { body, token: auth })
  expect(res.status, await res.clone().text()).toBe(201)
  const created = (await res.json()) as { corporateId: string; accountOwnerId: string }
  expect(referenceErrors('POST', CORPORATES, 201, created)).toEqual([])
  const phone = body.accountOwnerInfo.phone as { countryCode: string; number: string }
  return { ...created, phoneDigits: `${phone.countryCode.replace(/\D/g, '')}${phone.number}`, body }
}

/** The corporate row as stored now. */
export function corporateRow(w: TestWorld, id: string): CorporateRow {
  return w.store.db.select().from(corporates).where(eq(corporates.id, id)).get()!
}

/** Sets a corporate's KYB status straight in state (and the axes that follow it). */
export function setKyb(w: TestWorld, corporateId: string, status: KybStatus): CorporateRow {
  return tx(w.store, () => setCorporateKybStatus(w.store, corporateId, status, w.store.clock.nowMs()))
}

/** POST /login as the corporate's account owner (accountOwnerPhone, SCA BY_PASS), asserting 200: token and endUserId. */
export async function loginAccountOwner(w: TestWorld, phoneDigits: string, password = OWNER_PASSWORD, partnerName = 'sandbox'): Promise<{ token: string; endUserId: string }> {
  const res = await w.call('POST', '/api/partner/login', { body: { partnerName, accountOwnerPhone: phoneDigits, password }, headers: { 'Linkcy-SCA-Strategy': 'BY_PASS' } })
  expect(res.status, `account owner login: ${await res.clone().text()}`).toBe(200)
  return (await res.json()) as { token: string; endUserId: string }
}

/** Gives a corporate's account owner a password straight in state and logs it in: a CORPORATE end-user token. */
export async function corporateToken(w: TestWorld, corporate: { corporateId: string; phoneDigits: string }, partnerName = 'sandbox'): Promise<string> {
  const partnerId = corporateRow(w, corporate.corporateId).partnerId
  tx(w.store, () => upsertCredential(w.store, { partnerId, kind: 'CORPORATE', principalId: corporate.corporateId, login: corporate.phoneDigits, password: OWNER_PASSWORD }))
  return (await loginAccountOwner(w, corporate.phoneDigits, OWNER_PASSWORD, partnerName)).token
}

/** A corporate created through the API whose KYB is VALIDATED (so it may bank): its ids and its own token. */
export async function bankingCorporate(w: TestWorld, overrides: Record<string, unknown> = {}): Promise<CreatedCorporate & { token: string }> {
  const created = await createCorporate(w, overrides)
  setKyb(w, created.corporateId, 'VALIDATED')
  return { ...created, token: await corporateToken(w, created) }
}
