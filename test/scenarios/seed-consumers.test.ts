import { fileURLToPath } from 'node:url'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loadScenario, parseScenario, readScenarioFile, ScenarioError } from '../../src/scenarios/loader'
import type { ConsumerSeed } from '../../src/scenarios/schema'
import { consumers, kycApplications } from '../../src/state/db/schema'
import { openStore } from '../../src/state/store'
import { statusesForIdentity, overallStatus } from '../../src/state/transitions'
import { makeWorld } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'

// Scenario consumers: fixtures/demo.json loads into consumers whose GET shows the declared states,
// and the same seed always gives the same world.

const DEMO = fileURLToPath(new URL('../../fixtures/demo.json', import.meta.url))

/** The demo world, with a (method, path, token, body) call shape for these tests. */
function demoWorld(seed = 42) {
  const w = makeWorld({ seed, scenarioFile: DEMO })
  const call = (method: string, path: string, token?: string, body?: unknown) => w.call(method, path, { token, body })
  return { ...w, scenario: readScenarioFile(DEMO), call }
}

describe('fixtures/demo.json', () => {
  it('loads the two default partners, the named consumers in their declared states and 30 random ones', async () => {
    const w = demoWorld()
    expect(Object.keys(w.loaded.partners)).toEqual(['sandbox', 'other-sandbox'])
    const sandbox = w.scenario.partners[0]!
    const ids = w.loaded.partners.sandbox!.consumers
    expect(Object.keys(ids)).toHaveLength(sandbox.consumers.length + 30)
    expect(sandbox.consumers.length).toBeGreaterThanOrEqual(8)
    const token = await w.partnerToken()
    for (const seed of sandbox.consumers as ConsumerSeed[]) {
      const res = await w.call('GET', `/api/partner/consumers/${ids[seed.ref!]}`, token)
      expect(res.status).toBe(200)
      const body = (await res.json()) as Record<string, any>
      expect(referenceErrors('GET', '/api/partner/consumers/{consumerId}', 200, body)).toEqual([])
      const axes = { ...statusesForIdentity(seed.kycStatus), ...seed }
      const kycStarted = seed.kycStatus !== 'NOT_STARTED'
      expect(body, seed.ref).toMatchObject({
        firstName: seed.firstName,
        lastName: seed.lastName,
        phone: { ...seed.phone, verified: seed.phoneVerified || kycStarted },
        email: { verified: seed.emailVerified, ...(seed.emailAddress ? { address: seed.emailAddress } : {}) },
        kycInfo: { status: seed.kycStatus, type: 'FULL_KYC' },
        termsAccepted: true,
        status: {
          kyc: { value: seed.kycStatus },
          banking: { value: axes.bankingStatus },
          linkcy: { value: axes.linkcyStatus },
          compliance: { value: axes.complianceStatus },
          suspension: { value: seed.suspensionStatus },
          overall: { value: overallStatus(axes.linkcyStatus, seed.suspensionStatus) },
        },
      })
      expect(body.kycInfo.kycApplicationId !== undefined, seed.ref).toBe(kycStarted)
      if (seed.externalId) expect(body.externalId).toBe(seed.externalId)
    }
  })

  it('gives each started KYC a simulated application, and the validated consumers their KYC identity', () => {
    const w = demoWorld()
    const ids = w.loaded.partners.sandbox!.consumers
    const app = w.store.db.select().from(kycApplications).where(eq(kycApplications.personId, ids['david-kyc-created']!)).get()
    expect(app).toMatchObject({ status: 'CREATED', accessType: 'SIMULATED', personType: 'CONSUMER', type: 'FULL_KYC', identity: { firstName: 'David', lastName: 'Durand' } })
    expect(w.store.db.select().from(kycApplications).where(eq(kycApplications.personId, ids['bruno-new']!)).all()).toEqual([])
    const alice = w.store.db.select().from(consumers).where(eq(consumers.id, ids['alice-validated']!)).get()!
    expect(alice.profile).toMatchObject({ gender: 'FEMALE', birthIsoCountryCode: 'FRA', address: { isoCountryCode: 'FRA', status: 'VALID' } })
  })

  it('lets the consumer with a password log in with its phone and read itself', async () => {
    const w = demoWorld()
    const login = await w.call('POST', '/api/partner/login', undefined, { consumerPhone: '33612345001', partnerName: 'sandbox', password: 'Alice-Password-1' })
    // Alice has an active SCA device in the demo: her login waits for the phone, as on LinkCy.
    expect(login.status).toBe(202)
    const { scaId } = (await login.json()) as { scaId: string }
    expect((await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`)).status).toBe(200)
    const approved = await w.app.request('/api/partner/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Linkcy-SCA-Id': scaId },
      body: JSON.stringify({ consumerPhone: '33612345001', partnerName: 'sandbox', password: 'Alice-Password-1' }),
    })
    expect(approved.status).toBe(200)
    const { token, endUserId } = (await approved.json()) as { token: string; endUserId: string }
    expect(endUserId).toBe(w.loaded.partners.sandbox!.consumers['alice-validated'])
    expect((await w.call('GET', `/api/partner/consumers/${endUserId}`, token)).status).toBe(200)
  })

  it('spreads the random consumers over believable onboarding states and the last 90 days', async () => {
    const w = demoWorld()
    const randomIds = Object.entries(w.loaded.partners.sandbox!.consumers).filter(([ref]) => ref.startsWith('random-')).map(([, id]) => id)
    expect(randomIds).toHaveLength(30)
    const rows = w.store.db.select().from(consumers).all().filter((r) => randomIds.includes(r.id))
    const kyc = new Set(rows.map((r) => r.kycStatus))
    for (const status of ['NOT_STARTED', 'CREATED', 'PROCESSING', 'PENDING_REVIEW', 'VALIDATED', 'DECLINED']) expect(kyc).toContain(status)
    expect(rows.some((r) => r.suspensionStatus === 'SUSPENDED')).toBe(true)
    expect(rows.some((r) => r.kycStatus === 'NOT_STARTED' && r.phoneVerifiedAt !== null)).toBe(true)
    expect(rows.some((r) => r.kycStatus === 'VALIDATED' && r.emailVerifiedAt !== null)).toBe(true)
    const now = w.store.clock.nowMs()
    for (const r of rows) {
      expect(r.phoneDigits).toMatch(/^33[67]\d{8}$/)
      expect(r.emailAddress).toMatch(/^[^@\s]+@example\.(fr|com|org)$/)
      expect(r.creationDate).toBeGreaterThanOrEqual(now - 90 * 24 * 3600_000)
      expect(r.updateDate).toBeGreaterThanOrEqual(r.creationDate)
      expect(r.updateDate).toBeLessThanOrEqual(now)
    }
    const token = await w.partnerToken()
    const page = (await (await w.call('GET', '/api/partner/consumers?pageSize=100', token)).json()) as { totalElements: number }
    expect(page.totalElements).toBe(38)
  })

  it('is deterministic: the same seed gives the same ids and names, another seed others', () => {
    const snapshot = (seed: number) => {
      const w = demoWorld(seed)
      const names = w.store.db.select({ id: consumers.id, first: consumers.firstName, last: consumers.lastName, phone: consumers.phoneDigits }).from(consumers).all()
      return { loaded: w.loaded, names }
    }
    const a = snapshot(42)
    expect(snapshot(42)).toEqual(a)
    const c = snapshot(7)
    expect(c.loaded.partners.sandbox!.consumers['alice-validated']).not.toBe(a.loaded.partners.sandbox!.consumers['alice-validated'])
    expect(c.names.map((n) => n.last)).not.toEqual(a.names.map((n) => n.last))
  })
})

describe('seeding errors', () => {
  it('refuses two consumers of a partner with the same phone, naming the consumer', () => {
    const store = openStore({ dbPath: ':memory:', seed: 1 })
    const phone = { countryCode: '33', number: '612345678' }
    const scenario = parseScenario({ partners: [{ name: 'p1', consumers: [{ ref: 'a', phone }, { ref: 'b', phone }] }] })
    expect(() => loadScenario(store, scenario)).toThrow(ScenarioError)
    expect(() => loadScenario(store, scenario)).toThrow(/consumers\[b\].*A consumer with this phone already exists/)
    // The refused scenario left nothing behind.
    expect(store.db.select().from(consumers).all()).toEqual([])
  })
})
