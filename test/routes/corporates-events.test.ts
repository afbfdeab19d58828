import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { CORPORATES, corporateBody, corporateToken, createCorporate, loginAccountOwner, setKyb } from '../helpers/corporates'
import { delivered, hookReceiver, subscribeReceiver } from '../helpers/webhooks'

// What a corporate end-user leaves in the partner's other channels: webhook events and documents.

describe('corporate webhook events', () => {
  it('CORPORATE_CREATED, CORPORATE_UPDATED, CORPORATE_KYB_VALIDATED and CORPORATE_LOGGED_IN, each once with the corporate’s data', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    await subscribeReceiver(w, rx)
    const token = await w.partnerToken()
    const res = await w.call('POST', CORPORATES, { token, body: corporateBody() })
    const { corporateId, accountOwnerId } = (await res.json()) as { corporateId: string; accountOwnerId: string }
    expect(accountOwnerId).toBeTruthy()
    expect((await w.call('PATCH', `${CORPORATES}/${corporateId}`, { token, body: { website: 'https://events.test' } })).status).toBe(200)
    setKyb(w, corporateId, 'VALIDATED')
    await delivered(w, rx)
    expect(rx.types()).toEqual(['CORPORATE_CREATED', 'CORPORATE_UPDATED', 'CORPORATE_KYB_VALIDATED'])
    expect(rx.events()[0]!.data).toEqual({ id: corporateId, kybStatus: 'NOT_STARTED', linkcyStatus: 'PENDING', suspensionStatus: 'NOT_SUSPENDED' })
    expect(rx.events()[2]!.data).toEqual({ id: corporateId, kybStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', suspensionStatus: 'NOT_SUSPENDED' })
  })

  it('the account owner’s login is CORPORATE_LOGGED_IN', async () => {
    const w = makeWorld()
    const corp = await createCorporate(w)
    await corporateToken(w, corp) // sets the password (and logs in once)
    const rx = await hookReceiver(w)
    await subscribeReceiver(w, rx)
    await loginAccountOwner(w, corp.phoneDigits)
    await delivered(w, rx)
    expect(rx.types()).toEqual(['CORPORATE_LOGGED_IN'])
    expect(rx.events()[0]!.data).toMatchObject({ id: corp.corporateId })
  })
})

describe('corporate documents', () => {
  it('LinkCy may request a document of a corporate; the partner lists it (no END_USER_NOT_FOUND for a corporate)', async () => {
    const w = makeWorld()
    const corp = await createCorporate(w)
    const requested = await w.call('POST', '/_sim/documents/requests', { body: { partnerName: 'sandbox', endUserId: corp.corporateId, type: 'COMPANY_REGISTRY_EXTRACT' } })
    expect(requested.status, await requested.clone().text()).toBe(201)
    const list = await w.call('GET', `/api/partner/documents?endUserId=${corp.corporateId}`, { token: await w.partnerToken() })
    expect(list.status, await list.clone().text()).toBe(200)
    const page = (await list.json()) as { content: { type: string; status: string }[] }
    expect(page.content).toMatchObject([{ type: 'COMPANY_REGISTRY_EXTRACT', status: 'REQUESTED' }])
  })
})
