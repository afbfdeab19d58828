import { expect } from 'vitest'
import { OTHER, SANDBOX, type TestWorld } from './app'
import { createCorporate, type CreatedCorporate } from './corporates'

// KYB for the route tests: corporates to declare related persons on, and small request builders.

export const relatedPath = (corporateId: string, relatedId?: string): string =>
  `/api/partner/corporates/${corporateId}/related${relatedId ? `/${relatedId}` : ''}`
export const SHARES = '/api/partner/shares'

/**
 * A corporate created through POST /corporates (test/helpers/corporates.ts) as `partner`: its account
 * owner Olivia Owner is a director without shares; `overrides` replace top-level body members.
 */
export async function newCorporate(w: TestWorld, overrides: Record<string, unknown> = {}, partner: 'sandbox' | 'other-sandbox' = 'sandbox'): Promise<CreatedCorporate> {
  const token = await w.partnerToken(partner === 'sandbox' ? SANDBOX : OTHER)
  const owner = { firstName: 'Olivia', lastName: 'Owner', isDirector: true, directSharesPercentage: undefined, ...((overrides.accountOwnerInfo as object | undefined) ?? {}) }
  return createCorporate(w, { ...overrides, accountOwnerInfo: owner }, token)
}

/** A physical person's info. */
export const person = (firstName: string, lastName: string, extra: Record<string, unknown> = {}) => ({ firstName, lastName, ...extra })

/** A legal entity's info. */
export const entity = (registeredName: string, incorporationCode: string, extra: Record<string, unknown> = {}) =>
  ({ registeredName, incorporationCountry: 'FRA', incorporationCode, ...extra })

/** POST /corporates/{id}/related, asserting 201; the new id. */
export async function declare(w: TestWorld, token: string, corporateId: string, body: Record<string, unknown>): Promise<string> {
  const res = await w.call('POST', relatedPath(corporateId), { token, body: { isDirector: false, sharesInfo: [], ...body } })
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** GET /corporates/{id}/related/{relatedId}, asserting 200. */
export async function getRelated(w: TestWorld, token: string, corporateId: string, relatedId: string): Promise<Record<string, any>> {
  const res = await w.call('GET', relatedPath(corporateId, relatedId), { token })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Record<string, any>
}

/** Sandbox kyc/simulate of a related person, asserting 201; the application id. */
export async function simulateRelatedKyc(w: TestWorld, token: string, relatedId: string, kycStatus = 'VALIDATED'): Promise<string> {
  const res = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { relatedPhysicalPersonId: relatedId, kycStatus } })
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as { kycApplicationId: string }).kycApplicationId
}
