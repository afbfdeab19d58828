import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { loadScenario, readScenarioFile, DEFAULT_SCENARIO } from '../../src/scenarios/loader'
import { openStore } from '../../src/state/store'
import { DEFAULT_PARTNER_LIMITS } from '../../src/state/partner-limits'
import { getPartner } from '../../src/state/partners'
import { makeWorld, errorBody, OTHER, SANDBOX } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { accountToken } from '../helpers/partners'

const NOW = '2026-01-15T10:00:00.000Z'

describe('GET /api/partner', () => {
  it('answers the caller partner configuration, with default limits, matching the reference', async () => {
    const w = makeWorld()
    const res = await w.call('GET', '/api/partner', { token: await w.partnerToken() })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(referenceErrors('GET', '/api/partner', 200, body)).toEqual([])
    expect(body).toEqual({
      name: 'sandbox',
      displayName: 'Sandbox Partner',
      contactInformation: {
        adminEmail: 'admin@sandbox.test', billingEmail: 'billing@sandbox.test', commercialEmail: 'sales@sandbox.test',
        techEmail: 'tech@sandbox.test', complianceEmail: 'compliance@sandbox.test',
      },
      limits: DEFAULT_PARTNER_LIMITS,
      creationDate: NOW,
      updateDate: NOW,
    })
    const other = (await (await w.call('GET', '/api/partner', { token: await w.partnerToken(OTHER) })).json()) as { name: string }
    expect(other.name).toBe('other-sandbox')
  })

  it('shows the limits a scenario overrides, defaults for the rest', async () => {
    const store = openStore({ dbPath: ':memory:', seed: 1 })
    store.clock.freeze(Date.parse(NOW))
    const scenario = readScenarioFile(DEFAULT_SCENARIO)
    scenario.partners[0] = { ...scenario.partners[0]!, limits: { ledger: { transactionLimit: 123.45, ddMonthlyLimit: 0 } } }
    loadScenario(store, scenario)
    const app = createApp(store, { scenario })
    const login = await app.request('/api/partner/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(SANDBOX) })
    const { token } = (await login.json()) as { token: string }
    const res = await app.request('/api/partner', { headers: { Authorization: `Bearer ${token}` } })
    const body = (await res.json()) as { limits: unknown }
    expect(body.limits).toEqual({ ledger: { ...DEFAULT_PARTNER_LIMITS.ledger, transactionLimit: 123.45, ddMonthlyLimit: 0 } })
    expect(referenceErrors('GET', '/api/partner', 200, body)).toEqual([])
  })

  it('needs a token (401) and the PARTNER_INFO role (403)', async () => {
    const w = makeWorld()
    const anonymous = await w.call('GET', '/api/partner')
    expect(anonymous.status).toBe(401)
    const body401 = await errorBody(anonymous)
    expect(body401).toMatchObject({ error: 'linkcy.unauthorized', status: 401 })
    expect(referenceErrors('GET', '/api/partner', 401, body401)).toEqual([])
    const { token } = await accountToken(w, ['CONSUMER_LIST'], 'user1@sandbox.test')
    const denied = await w.call('GET', '/api/partner', { token })
    expect(denied.status).toBe(403)
    const body403 = await errorBody(denied)
    expect(body403).toMatchObject({ error: 'linkcy.forbidden', status: 403, message: 'Access Denied' })
    expect(referenceErrors('GET', '/api/partner', 403, body403)).toEqual([])
  })
})

describe('PATCH /api/partner', () => {
  it('updates the given fields, keeps the rest and the name, and moves updateDate with the clock', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    w.store.clock.advance(60_000)
    const res = await w.call('PATCH', '/api/partner', {
      token,
      body: {
        name: 'renamed',
        displayName: 'Acme Bank',
        logoUrl: 'https://acme.test/logo.png',
        consumerOtpMessage: 'Acme code: $otp',
        corporateOtpMessage: 'Acme business code: $otp',
        address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75002', street: 'Rue de la Paix', number: '1', bypassVerification: true },
        contactInformation: { techEmail: 'dev@acme.test' },
      },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(referenceErrors('PATCH', '/api/partner', 200, body)).toEqual([])
    expect(body).toEqual({ id: w.loaded.partners.sandbox!.id, updateDate: '2026-01-15T10:01:00.000Z' })

    const info = (await (await w.call('GET', '/api/partner', { token })).json()) as Record<string, unknown>
    expect(referenceErrors('GET', '/api/partner', 200, info)).toEqual([])
    expect(info).toMatchObject({
      name: 'sandbox',
      displayName: 'Acme Bank',
      logoUrl: 'https://acme.test/logo.png',
      consumerOtpMessage: 'Acme code: $otp',
      corporateOtpMessage: 'Acme business code: $otp',
      address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75002', street: 'Rue de la Paix', number: '1', status: 'VALID' },
      contactInformation: { techEmail: 'dev@acme.test', adminEmail: 'admin@sandbox.test' },
      creationDate: NOW,
      updateDate: '2026-01-15T10:01:00.000Z',
    })
    expect((info.address as Record<string, unknown>).bypassVerification).toBeUndefined()

    // Explicit nulls leave fields as they are.
    const nulls = await w.call('PATCH', '/api/partner', { token, body: { displayName: null, address: null } })
    expect(nulls.status).toBe(200)
    expect(getPartner(w.store, w.loaded.partners.sandbox!.id)).toMatchObject({ displayName: 'Acme Bank', name: 'sandbox' })
  })

  it('answers INVALID_OTP_MESSAGE when an OTP message lacks $otp, and changes nothing', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const field of ['consumerOtpMessage', 'corporateOtpMessage']) {
      const res = await w.call('PATCH', '/api/partner', { token, body: { displayName: 'Changed', [field]: 'Your code is otp' } })
      expect(res.status).toBe(400)
      const body = await errorBody(res)
      expect(body).toEqual({
        details: [{ field, rejectedValue: 'Your code is otp', message: 'The OTP message must contain the following string to put the OTP secret: $otp' }],
        errorCode: 'INVALID_OTP_MESSAGE',
        error: 'linkcy.bad.request',
        status: 400,
        timestamp: NOW,
      })
      expect(referenceErrors('PATCH', '/api/partner', 400, body)).toEqual([])
    }
    expect(getPartner(w.store, w.loaded.partners.sandbox!.id).displayName).toBe('Sandbox Partner')
  })

  it('validates the address (European country, required fields, lengths) and the role', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const usa = await w.call('PATCH', '/api/partner', { token, body: { address: { isoCountryCode: 'USA', city: 'NYC', postalCode: '1', street: 'x' } } })
    expect(usa.status).toBe(400)
    expect(await errorBody(usa)).toMatchObject({ details: [{ field: 'address.isoCountryCode', rejectedValue: 'USA' }] })
    const missing = await w.call('PATCH', '/api/partner', { token, body: { address: { isoCountryCode: 'FRA', city: 'Paris' } } })
    expect(missing.status).toBe(400)
    const long = await w.call('PATCH', '/api/partner', { token, body: { address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '1', street: 'x', refinement: 'r'.repeat(36) } } })
    expect(long.status).toBe(400)
    expect(await errorBody(long)).toMatchObject({
      errorCode: 'TOO_LONG_FIELD',
      details: [{ field: 'address.refinement', message: 'For the field address.refinement, the maximum allowed size is 35 but the size was 36.' }],
    })
    const wrongType = await w.call('PATCH', '/api/partner', { token, body: { displayName: 42 } })
    expect(wrongType.status).toBe(400)
    expect(referenceErrors('PATCH', '/api/partner', 400, await wrongType.json())).toEqual([])

    const { token: infoOnly } = await accountToken(w, ['PARTNER_INFO'], 'user1@sandbox.test')
    const denied = await w.call('PATCH', '/api/partner', { token: infoOnly, body: { displayName: 'x' } })
    expect(denied.status).toBe(403)
    expect(referenceErrors('PATCH', '/api/partner', 403, await errorBody(denied))).toEqual([])
    expect((await w.call('PATCH', '/api/partner', { body: {} })).status).toBe(401)
  })
})
