import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { createCorporate } from '../helpers/corporates'
import { expectError } from '../helpers/errors'
import { referenceErrors } from '../helpers/reference'
import { DESIGNS, insertCardProfile, postCard } from '../helpers/cards'
import { advanceClock, createdId, fetchResource } from '../helpers/money'
import { declare, entity, getRelated, person, relatedPath, SHARES, simulateRelatedKyc } from '../helpers/kyb'

// A corporate's KYB from creation to validation, through the API only: the related persons and
// entities, the shares and their layers, the KYCs, the verification request, LinkCy's checks one by
// one, the decision, the declaration frozen afterwards, and the corporate's first ledger and card.

describe('KYB journey', () => {
  it('declares, verifies and validates a corporate, freezes its declaration, then opens a ledger and a card', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId, accountOwnerId } = await createCorporate(w, {
      legalType: null, incorporationDate: null,
      accountOwnerInfo: { firstName: 'Olivia', lastName: 'Owner', isDirector: false, directSharesPercentage: undefined },
    }, token)
    const corporate = async () => {
      const res = await w.call('GET', `/api/partner/corporates/${corporateId}`, { token })
      expect(res.status, await res.clone().text()).toBe(200)
      return (await res.json()) as Record<string, any>
    }
    expect((await corporate()).status.kyb).toEqual({ value: 'NOT_STARTED' })

    // A director with 10% and a holding company with 60%, of which Bob holds half: Bob is a UBO at layer 2.
    const charles = await declare(w, token, corporateId, { info: person('Charles', 'Director'), isDirector: true, directorAppointmentDate: '2020-02-03', sharesInfo: [{ percentage: 10 }] })
    expect((await corporate()).status.kyb.value).toBe('COMPLETING')
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), sharesInfo: [{ percentage: 60 }] })
    const bob = await declare(w, token, corporateId, { info: person('Bob', 'Ubo', { nationalityCode: 'BEL' }) })
    const share = await w.call('POST', SHARES, { token, body: { corporateRelatedId: bob, percentage: 50, ownedCorporateId: holding } })
    expect(share.status).toBe(201)
    const shareId = ((await share.json()) as { id: string }).id

    expect(await (await w.call('GET', `${SHARES}/${shareId}`, { token })).json()).toMatchObject({ layer: 2, directSharesPercentage: 50, finalSharesPercentage: 30 })
    expect(await getRelated(w, token, corporateId, bob)).toMatchObject({ totalSharesPercentage: 30, position: { isUbo: true }, kycInfo: { status: 'NOT_STARTED', type: 'DOC_ONLY' } })
    expect(await getRelated(w, token, corporateId, holding)).toMatchObject({ totalSharesPercentage: 60, shares: [{ layer: 1, finalSharesPercentage: 60 }] })
    expect(await getRelated(w, token, corporateId, charles)).toMatchObject({ position: { isUbo: false, isDirector: true }, kycInfo: { type: 'FULL_KYC' } })
    expect((await getRelated(w, token, corporateId, accountOwnerId)).kycInfo.type).toBe('NOT_REQUIRED')
    const layer2 = (await (await w.call('GET', `${relatedPath(corporateId)}?layer=2`, { token })).json()) as { content: { id: string }[] }
    expect(layer2.content.map((r) => r.id)).toEqual([bob])
    expect((await corporate()).complianceInfo).toEqual({ maxUbosLayer: 2, relatedLayersTotal: 2, isExtendedUbos: false })

    // The verification request is accepted whatever is missing; LinkCy's checks come with the decision.
    expect((await w.call('POST', `/api/partner/corporates/${corporateId}/kyb/verification/ask`, { token })).status).toBe(204)
    const asked = (await corporate()).status.kyb
    expect(asked).toEqual({ value: 'PENDING_VERIFICATION', lastVerificationRequestDate: '2026-01-15T10:00:00.000Z' })
    const decide = () => w.call('PATCH', `/api/partner/corporates/${corporateId}/kyb`, { token, body: { kybStatus: 'VALIDATED' } })

    await expectError(await decide(), 409, 'CORPORATE_MUST_HAVE_A_VALIDATED_DIRECTOR',
      `Corporate with id ${corporateId} must have at least one director with validated KYC in order to update its KYB status to VALIDATED.`)
    await simulateRelatedKyc(w, token, charles)
    expect((await getRelated(w, token, corporateId, charles)).kycInfo).toMatchObject({ status: 'VALIDATED', type: 'FULL_KYC' })
    // Without the holding's share Bob is no UBO: the corporate has none.
    const removed = await w.call('PATCH', `${SHARES}/${shareId}`, { token, body: { percentage: 10 } })
    expect(removed.status).toBe(200)
    await expectError(await decide(), 409, 'CORPORATE_MUST_HAVE_A_UBO', `Corporate with id ${corporateId} must have at least one UBO in order to update its KYB status to VALIDATED.`)
    expect((await w.call('PATCH', `${SHARES}/${shareId}`, { token, body: { percentage: 50 } })).status).toBe(200)
    await expectError(await decide(), 409, 'MISSING_CORPORATE_RELATED_KYC',
      `In order to update the KYB status to 'VALIDATED' for corporate with id ${corporateId}, the following corporate related persons must valid their KYC: Bob Ubo (${bob}).`)
    await simulateRelatedKyc(w, token, bob)
    await expectError(await decide(), 409, 'CORPORATE_MUST_HAVE_A_LEGAL_TYPE', `Corporate with id ${corporateId} must have a legal type.`)
    expect((await w.call('PATCH', `/api/partner/corporates/${corporateId}`, { token, body: { legalType: { franceValue: 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS' } } })).status).toBe(200)
    await expectError(await decide(), 409, 'CORPORATE_MUST_HAVE_AN_INCORPORATION_DATE', `Corporate with id ${corporateId} must have an incorporation date.`)
    expect((await w.call('PATCH', `/api/partner/corporates/${corporateId}`, { token, body: { incorporationDate: '2019-06-01' } })).status).toBe(200)

    const validated = await decide()
    expect(validated.status).toBe(200)
    const body = await validated.json()
    expect(referenceErrors('PATCH', '/api/partner/corporates/{corporateId}/kyb', 200, body)).toEqual([])
    const after = await corporate()
    expect(referenceErrors('GET', '/api/partner/corporates/{corporateId}', 200, after)).toEqual([])
    expect(after.status.kyb).toEqual({ value: 'VALIDATED', lastVerificationRequestDate: '2026-01-15T10:00:00.000Z' })

    // The declaration is frozen now; the external identifier stays patchable.
    await expectError(await w.call('PATCH', relatedPath(corporateId, bob), { token, body: { lastName: 'Changed' } }), 409, 'KYB_STATUS_MUST_NOT_BE_DECLINED',
      `The current KYB status (VALIDATED) of corporate with id ${corporateId} does not allow this operation.`)
    await expectError(await w.call('POST', relatedPath(corporateId), { token, body: { info: person('New', 'Director'), isDirector: true, sharesInfo: [] } }), 409,
      'KYB_STATUS_MUST_NOT_BE_DECLINED', `The current KYB status (VALIDATED) of corporate with id ${corporateId} does not allow this operation.`)
    expect((await w.call('PATCH', relatedPath(corporateId, bob), { token, body: { externalId: 'crm-bob' } })).status).toBe(200)
    expect((await getRelated(w, token, corporateId, bob)).externalId).toBe('crm-bob')

    const review = (await (await w.call('GET', `/api/partner/documents/diligence-review/${corporateId}`, { token })).json()) as { url: string }
    expect((await w.call('GET', new URL(review.url).pathname)).status).toBe(200)

    // Validated, the corporate banks: a ledger (ACTIVE on the clock), money on it, and a corporate card.
    const ledgerId = await createdId(await w.call('POST', '/api/partner/ledgers', { token, body: { endUserId: corporateId, type: 'EUR_FRANCE', autoUpgrade: true } }), '/api/partner/ledgers')
    await advanceClock(w, 5)
    expect(await fetchResource(w, token, '/api/partner/ledgers/{ledgerId}', ledgerId)).toMatchObject({ status: 'ACTIVE', endUserId: corporateId })
    expect((await w.call('POST', '/api/partner/ledgers/credit', { token, body: { ledgerId, amount: 100 } })).status).toBe(200)
    const profile = insertCardProfile(w, w.loaded.partners.sandbox!.id, DESIGNS.corporatePhysical, { name: 'Business' })
    const cardId = await createdId(await postCard(w, token, { ledgerId, profileId: profile.id, deliveryMethod: 'FRENCH_MAIL' }), '/api/partner/cards')
    await advanceClock(w, 5)
    expect(await fetchResource(w, token, '/api/partner/cards/{cardId}', cardId)).toMatchObject({ endUserId: corporateId, status: { value: 'AWAITING_ACTIVATION' } })
  })
})
