import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { expectError } from '../helpers/errors'
import { referenceErrors } from '../helpers/reference'
import { declare, entity, newCorporate, person, simulateRelatedKyc } from '../helpers/kyb'
import { MISSING_ID } from '../helpers/consumers'
import { pdfText } from '../helpers/pdf'
import { corporateById } from '../../src/state/corporates'

const ask = (id: string) => `/api/partner/corporates/${id}/kyb/verification/ask`
const kyb = (id: string) => `/api/partner/corporates/${id}/kyb`
const DILIGENCE = '/api/partner/documents/diligence-review'

describe('POST /api/partner/corporates/{corporateId}/kyb/verification/ask', () => {
  it('hands the KYB to LinkCy: 204, PENDING_VERIFICATION with the request date; a final KYB is left as it is', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    w.store.clock.advance(5000)
    const res = await w.call('POST', ask(corporateId), { token })
    expect(res.status).toBe(204)
    expect(corporateById(w.store, corporateId)).toMatchObject({
      kybStatus: 'PENDING_VERIFICATION', kybLastVerificationRequestAt: Date.parse('2026-01-15T10:00:05Z'), complianceStatus: 'PENDING_REVIEW',
    })
    expect((await w.call('PATCH', kyb(corporateId), { token, body: { kybStatus: 'DECLINED' } })).status).toBe(200)
    expect((await w.call('POST', ask(corporateId), { token })).status).toBe(204)
    expect(corporateById(w.store, corporateId)!.kybStatus).toBe('DECLINED')
  })

  it('answers CORPORATE_NOT_FOUND for an unknown or another partner\'s corporate, 400 for a non-uuid', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const other = await newCorporate(w, {}, 'other-sandbox')
    await expectError(await w.call('POST', ask(MISSING_ID), { token }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${MISSING_ID} was not found.`)
    await expectError(await w.call('POST', ask(other.corporateId), { token }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${other.corporateId} was not found.`)
    expect((await w.call('POST', ask('nope'), { token })).status).toBe(400)
    expect((await w.call('POST', ask(other.corporateId))).status).toBe(401)
  })
})

describe('PATCH /api/partner/corporates/{corporateId}/kyb (sandbox)', () => {
  it('checks LinkCy\'s preconditions of VALIDATED one by one, each with its exact body, then validates', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId, accountOwnerId } = await newCorporate(w, { legalType: null, incorporationDate: null })
    const validate = () => w.call('PATCH', kyb(corporateId), { token, body: { kybStatus: 'VALIDATED' } })

    await expectError(await validate(), 409, 'CORPORATE_MUST_HAVE_A_VALIDATED_DIRECTOR',
      `Corporate with id ${corporateId} must have at least one director with validated KYC in order to update its KYB status to VALIDATED.`)
    await simulateRelatedKyc(w, token, accountOwnerId)
    await expectError(await validate(), 409, 'CORPORATE_MUST_HAVE_A_UBO', `Corporate with id ${corporateId} must have at least one UBO in order to update its KYB status to VALIDATED.`)
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), sharesInfo: [{ percentage: 100 }] })
    const alice = await declare(w, token, corporateId, { info: person('Alice', 'Ubo'), sharesInfo: [{ percentage: 50, ownedCorporateId: holding }] })
    const bob = await declare(w, token, corporateId, { info: person('Bob', 'Director'), isDirector: true })
    await expectError(await validate(), 409, 'MISSING_CORPORATE_RELATED_KYC',
      `In order to update the KYB status to 'VALIDATED' for corporate with id ${corporateId}, the following corporate related persons must valid their KYC: Alice Ubo (${alice}), Bob Director (${bob}).`)
    await simulateRelatedKyc(w, token, alice)
    await simulateRelatedKyc(w, token, bob)
    await expectError(await validate(), 409, 'CORPORATE_MUST_HAVE_A_LEGAL_TYPE', `Corporate with id ${corporateId} must have a legal type.`)
    const patchCorporate = async (body: Record<string, unknown>) =>
      expect((await w.call('PATCH', `/api/partner/corporates/${corporateId}`, { token, body })).status).toBe(200)
    await patchCorporate({ legalType: { franceValue: 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS' } })
    await expectError(await validate(), 409, 'CORPORATE_MUST_HAVE_AN_INCORPORATION_DATE', `Corporate with id ${corporateId} must have an incorporation date.`)
    await patchCorporate({ incorporationDate: '2020-02-03' })

    const res = await validate()
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(referenceErrors('PATCH', '/api/partner/corporates/{corporateId}/kyb', 200, body)).toEqual([])
    expect(body).toEqual({ corporateId })
    expect(corporateById(w.store, corporateId)).toMatchObject({ kybStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED' })
  })

  it('jumps to any other status without checks; CORPORATE_NOT_FOUND; 400 for an unknown status', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    for (const status of ['NEED_ADDITIONAL_INFORMATION', 'COMPLETING', 'PENDING_VERIFICATION', 'DECLINED', 'NOT_STARTED']) {
      expect((await w.call('PATCH', kyb(corporateId), { token, body: { kybStatus: status } })).status).toBe(200)
      expect(corporateById(w.store, corporateId)!.kybStatus).toBe(status)
    }
    await expectError(await w.call('PATCH', kyb(MISSING_ID), { token, body: { kybStatus: 'DECLINED' } }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${MISSING_ID} was not found.`)
    expect((await w.call('PATCH', kyb(corporateId), { token, body: { kybStatus: 'APPROVED' } })).status).toBe(400)
    expect((await w.call('PATCH', kyb(corporateId), { token, body: {} })).status).toBe(400)
  })
})

describe('GET /api/partner/documents/diligence-review/{corporateId}', () => {
  it('answers a time-limited link to a PDF listing the corporate, its related persons and entities, shares, UBOs and KYC', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), sharesInfo: [{ percentage: 80 }] })
    const alice = await declare(w, token, corporateId, { info: person('Alice', 'Ubo'), sharesInfo: [{ percentage: 50, ownedCorporateId: holding }] })
    await simulateRelatedKyc(w, token, alice)
    const res = await w.call('GET', `${DILIGENCE}/${corporateId}`, { token })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { url: string; ttl: string }
    expect(referenceErrors('GET', `${DILIGENCE}/{corporateId}`, 200, body)).toEqual([])
    expect(body.ttl).toBe('PT15M')
    const file = await w.call('GET', new URL(body.url).pathname)
    expect(file.status).toBe(200)
    expect(file.headers.get('Content-Type')).toBe('application/pdf')
    const text = pdfText(Buffer.from(await file.arrayBuffer()))
    const registeredName = corporateById(w.store, corporateId)!.registeredName
    for (const expected of ['Diligence review', registeredName, 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS', 'Olivia Owner', 'account owner, director', 'Holding SA (legal entity)',
      `Layer 2: Alice Ubo holds 50% of Holding SA (final 40% of ${registeredName})`, 'KYC: VALIDATED (DOC_ONLY)', 'Ultimate beneficial owners', 'Alice Ubo']) {
      expect(text).toContain(expected)
    }
    w.store.clock.advance(16 * 60_000)
    expect((await w.call('GET', new URL(body.url).pathname)).status).toBe(403)
  })

  it('answers CORPORATE_NOT_FOUND', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await expectError(await w.call('GET', `${DILIGENCE}/${MISSING_ID}`, { token }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${MISSING_ID} was not found.`)
  })
})

describe('POST /_sim/corporates/{corporateId}/kyb (control plane: LinkCy compliance decision)', () => {
  it('asks additional information with a reason the partner reads, follows the lifecycle, checks VALIDATED', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const decide = (body: Record<string, unknown>) => w.call('POST', `/_sim/corporates/${corporateId}/kyb`, { body })
    await expectError(await decide({ status: 'VALIDATED' }), 409, 'KYB_STATUS_TRANSITION_NOT_ALLOWED', `The KYB of corporate ${corporateId} is NOT_STARTED and cannot become VALIDATED.`)
    expect((await w.call('POST', ask(corporateId), { token })).status).toBe(204)
    const res = await decide({ status: 'NEED_ADDITIONAL_INFORMATION', reason: 'Upload the articles of association' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ corporateId, kybStatus: 'NEED_ADDITIONAL_INFORMATION', reason: 'Upload the articles of association' })
    const info = (await (await w.call('GET', `/api/partner/corporates/${corporateId}`, { token })).json()) as { status: { kyb: Record<string, unknown> } }
    expect(info.status.kyb).toMatchObject({ value: 'NEED_ADDITIONAL_INFORMATION', reason: 'Upload the articles of association' })
    await expectError(await decide({ status: 'VALIDATED' }), 409, 'CORPORATE_MUST_HAVE_A_VALIDATED_DIRECTOR',
      `Corporate with id ${corporateId} must have at least one director with validated KYC in order to update its KYB status to VALIDATED.`)
    expect((await decide({ status: 'DECLINED' })).status).toBe(200)
    await expectError(await w.call('POST', `/_sim/corporates/${MISSING_ID}/kyb`, { body: { status: 'DECLINED' } }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${MISSING_ID} was not found.`)
    expect((await decide({ status: 'MAYBE' })).status).toBe(400)
  })
})
