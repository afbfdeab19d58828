import { describe, expect, it } from 'vitest'
import { makeWorld, errorBody } from '../helpers/app'
import { consumerRow, consumerToken, insertConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { requestKyc } from '../helpers/kyc'

const form = (outcome: string) => ({
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ outcome }).toString(),
})

async function linkWorld(config: Record<string, unknown> = { accessType: 'LINK' }) {
  const w = makeWorld()
  const token = await w.partnerToken()
  const consumer = insertConsumer(w, { phoneVerified: true, firstName: 'Camille', lastName: 'Durand' })
  const res = await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: config })
  const { id, url } = (await res.json()) as { id: string; url?: string }
  return { w, token, consumer, id, path: url ? new URL(url).pathname : `/pages/kyc/${id}` }
}

describe('hosted KYC page /pages/kyc/{kycId}', () => {
  it('shows the partner, the person and the two buttons', async () => {
    const { w, path } = await linkWorld()
    const res = await w.app.request(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('Sandbox Partner')
    expect(html).toContain('Camille Durand')
    expect(html).toContain('Pass KYC')
    expect(html).toContain('Fail KYC')
    expect(html).toContain(`action="${path}/complete"`)
  })

  it('Pass KYC validates (302 to urlOnComplete): application and consumer VALIDATED, identity captured', async () => {
    const { w, token, consumer, id, path } = await linkWorld({ accessType: 'LINK', urlOnComplete: 'https://partner.test/ok', urlOnFailure: 'https://partner.test/ko' })
    const res = await w.app.request(`${path}/complete`, form('VALIDATED'))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('https://partner.test/ok')
    const info = (await (await w.call('GET', `/api/partner/kyc/${id}`, { token })).json()) as Record<string, unknown>
    expect(info).toMatchObject({ status: { value: 'VALIDATED' }, firstName: 'Camille', lastName: 'Durand', gender: expect.any(String), birthDate: expect.any(String) })
    expect(consumerRow(w, consumer.id)).toMatchObject({ kycStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED' })
    expect(consumerRow(w, consumer.id).profile.birthDate).toBe(info.birthDate)
    // The link is used up.
    const again = await w.app.request(path)
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('already finished')
  })

  it('Fail KYC declines (302 to urlOnFailure); without URLs a result page is shown', async () => {
    const withUrls = await linkWorld({ accessType: 'LINK', urlOnComplete: 'https://partner.test/ok', urlOnFailure: 'https://partner.test/ko' })
    const declined = await withUrls.w.app.request(`${withUrls.path}/complete`, form('DECLINED'))
    expect(declined.status).toBe(302)
    expect(declined.headers.get('location')).toBe('https://partner.test/ko')
    expect(consumerRow(withUrls.w, withUrls.consumer.id)).toMatchObject({ kycStatus: 'DECLINED', complianceStatus: 'DECLINED', linkcyStatus: 'PENDING' })

    const plain = await linkWorld()
    const res = await plain.w.app.request(`${plain.path}/complete`, form('DECLINED'))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('could not be verified')
    // A declined consumer may ask for a new KYC.
    expect((await requestKyc(plain.w, plain.token, { consumerId: plain.consumer.id, kycConfiguration: { accessType: 'LINK' } })).status).toBe(201)
  })

  it('an expired link (721 h later) shows 410 and the application becomes ABORTED', async () => {
    const { w, consumer, id, path } = await linkWorld()
    w.store.clock.advance(721 * 3600_000)
    const res = await w.app.request(path)
    expect(res.status).toBe(410)
    expect(await res.text()).toContain('expired')
    expect(consumerRow(w, consumer.id)).toMatchObject({ kycStatus: 'ABORTED', kycApplicationId: id })
    const post = await w.app.request(`${path}/complete`, form('VALIDATED'))
    expect(post.status).toBe(410)
    expect(consumerRow(w, consumer.id).kycStatus).toBe('ABORTED')
  })

  it('answers 404 pages for unknown ids and SDK applications, 400 for a bad outcome', async () => {
    const { w, path } = await linkWorld()
    expect((await w.app.request('/pages/kyc/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await w.app.request('/pages/kyc/nope')).status).toBe(404)
    expect((await w.app.request(`${path}/complete`, form('MAYBE'))).status).toBe(400)
    const sdk = await linkWorld({ accessType: 'SDK' })
    expect((await sdk.w.app.request(`/pages/kyc/${sdk.id}`)).status).toBe(404)
  })
})

describe('/_sim/kyc control plane', () => {
  it('GET shows the link; POST complete walks the lifecycle (PROCESSING → PENDING_REVIEW → VALIDATED)', async () => {
    const { w, token, consumer, id } = await linkWorld()
    const view = (await (await w.app.request(`/_sim/kyc/${id}`)).json()) as Record<string, unknown>
    expect(view).toMatchObject({ id, url: `http://localhost/pages/kyc/${id}`, accessType: 'LINK', status: 'CREATED', expiresAt: '2026-02-14T10:00:00.000Z' })

    const complete = (status: string, reason?: string) =>
      w.app.request(`/_sim/kyc/${id}/complete`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status, reason }) })
    expect(((await (await complete('PROCESSING')).json()) as { status: string }).status).toBe('PROCESSING')
    const review = await complete('PENDING_REVIEW', 'MANUAL_CHECK')
    expect(await review.json()).toMatchObject({ status: 'PENDING_REVIEW', statusReason: 'MANUAL_CHECK' })
    const info = (await (await w.call('GET', `/api/partner/kyc/${id}`, { token })).json()) as Record<string, unknown>
    expect(info.status).toEqual({ value: 'PENDING_REVIEW', reason: 'MANUAL_CHECK' })
    expect(consumerRow(w, consumer.id)).toMatchObject({ kycStatus: 'PENDING_REVIEW', kycStatusReason: 'MANUAL_CHECK', complianceStatus: 'PENDING_REVIEW' })
    expect((await complete('VALIDATED')).status).toBe(200)
    expect(consumerRow(w, consumer.id)).toMatchObject({ kycStatus: 'VALIDATED', linkcyStatus: 'VALIDATED' })

    const again = await complete('DECLINED')
    await expectError(again, 409, 'KYC_STATUS_TRANSITION_NOT_ALLOWED', `Kyc application ${id} is VALIDATED and cannot become DECLINED.`)
  })

  it('completes an SDK application; refuses unknown ids (404), expired ones (409) and bad bodies (400)', async () => {
    const { w, consumer, id } = await linkWorld({ accessType: 'SDK' })
    const post = (kycId: string, body: unknown) =>
      w.app.request(`/_sim/kyc/${kycId}/complete`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    expect((await post(id, { status: 'MAYBE' })).status).toBe(400)
    const unknown = '00000000-0000-4000-8000-000000000000'
    const missing = await post(unknown, { status: 'VALIDATED' })
    expect(missing.status).toBe(404)
    expect(await errorBody(missing)).toMatchObject({ errorCode: 'KYC_APPLICATION_NOT_FOUND' })
    expect((await w.app.request(`/_sim/kyc/${unknown}`)).status).toBe(404)

    w.store.clock.advance(25 * 3600_000)
    const expired = await post(id, { status: 'VALIDATED' })
    await expectError(expired, 409, 'EXPIRED_RESOURCE', `The resource ${id} you are trying to access to has expired.`)
    expect(consumerRow(w, consumer.id).kycStatus).toBe('ABORTED')

    const fresh = await linkWorld({ accessType: 'SDK' })
    const done = await fresh.w.app.request(`/_sim/kyc/${fresh.id}/complete`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"status":"DECLINED"}' })
    expect(done.status).toBe(200)
    expect(consumerRow(fresh.w, fresh.consumer.id).kycStatus).toBe('DECLINED')
  })

  it('an end-user sees its own application through its token', async () => {
    const { w, consumer, id } = await linkWorld()
    const res = await w.call('GET', `/api/partner/kyc/${id}`, { token: await consumerToken(w, consumer) })
    expect(res.status).toBe(200)
  })
})
