import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { insertConsumer } from '../helpers/consumers'
import { requestKyc } from '../helpers/kyc'

describe('an expired KYC link, seen from the consumer resource', () => {
  it('turns the consumer KYC to ABORTED on GET and in list filters, without any KYC call', async () => {
    const w = makeWorld()
    let token = await w.partnerToken()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const created = await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: { accessType: 'LINK' } })
    expect(created.status).toBe(201)
    const before = (await (await w.call('GET', `/api/partner/consumers/${consumer.id}`, { token })).json()) as { kycInfo: { status: string } }
    expect(before.kycInfo.status).toBe('CREATED')

    w.store.clock.advance(721 * 3600_000)
    token = await w.partnerToken() // the access token expired too
    const listed = (await (await w.call('GET', '/api/partner/consumers?kycStatus=ABORTED', { token })).json()) as { content: { id: string }[] }
    expect(listed.content.map((c) => c.id)).toContain(consumer.id)
    const after = (await (await w.call('GET', `/api/partner/consumers/${consumer.id}`, { token })).json()) as { kycInfo: { status: string } }
    expect(after.kycInfo.status).toBe('ABORTED')
  })
})
