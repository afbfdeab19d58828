import { describe, expect, it } from 'vitest'
import { makeWorld, SANDBOX } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'

// The onboarding sequence a real LinkCy integration runs, call by call, through HTTP only.

describe('consumer onboarding up to a validated KYC', () => {
  it('login → consumer → phone send/verify → KYC link → simulate VALIDATED → listed → consumer VALIDATED', async () => {
    const w = makeWorld()
    const login = await w.call('POST', '/api/partner/login', { body: SANDBOX })
    expect(login.status).toBe(200)
    const { token } = (await login.json()) as { token: string }

    const created = await w.call('POST', '/api/partner/consumers', { token, body: { phone: { countryCode: '33', number: '612345678' } } })
    expect(created.status, await created.clone().text()).toBe(201)
    const { id: consumerId } = (await created.json()) as { id: string }

    const send = await w.call('POST', '/api/partner/verifications/phone/send', { token, body: { consumerId } })
    expect(send.status).toBe(200)
    const verify = await w.call('POST', '/api/partner/verifications/phone/verify', { token, body: { consumerId, code: '123456' } })
    expect(verify.status).toBe(204)

    const kyc = await w.call('POST', '/api/partner/kyc', { token, body: { consumerId, kycConfiguration: { accessType: 'LINK', urlOnComplete: 'https://google.com', urlOnFailure: 'https://google.com' } } })
    expect(kyc.status, await kyc.clone().text()).toBe(201)
    const { id: kycId, url } = (await kyc.json()) as { id: string; url: string }
    expect(url).toBe(`http://localhost/pages/kyc/${kycId}`)

    const info = await w.call('GET', `/api/partner/kyc/${kycId}`, { token })
    expect(info.status).toBe(200)
    expect(await info.json()).toMatchObject({ id: kycId, person: { id: consumerId, type: 'CONSUMER' }, status: { value: 'CREATED' } })

    const simulated = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId, kycStatus: 'VALIDATED' } })
    expect(simulated.status).toBe(201)
    expect(simulated.headers.get('content-type')).toMatch(/application\/json/)
    expect(await simulated.json()).toEqual({ kycApplicationId: kycId, consumerId })

    const list = await w.call('GET', '/api/partner/kyc?sortAttribute=CREATION_DATE&personType=CONSUMER&kycStatus=VALIDATED&pageSize=100&page=0&sortDirection=ASC', { token })
    expect(list.status).toBe(200)
    const page = (await list.json()) as { content: { personId: string }[] }
    expect(referenceErrors('GET', '/api/partner/kyc', 200, page)).toEqual([])
    expect(page.content.map((k) => k.personId)).toEqual([consumerId])

    const consumer = await w.call('GET', `/api/partner/consumers/${consumerId}`, { token })
    expect(consumer.status).toBe(200)
    const body = (await consumer.json()) as { kycInfo: { status: string }; status: { linkcy: { value: string } } }
    expect(body.kycInfo.status).toBe('VALIDATED')
    expect(body.status.linkcy.value).toBe('VALIDATED')
  })
})
