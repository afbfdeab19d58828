import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { expectError } from '../helpers/errors'
import { referenceErrors } from '../helpers/reference'
import { declare, entity, getRelated, newCorporate, person, relatedPath } from '../helpers/kyb'
import { MISSING_ID } from '../helpers/consumers'
import { corporateToken } from '../helpers/corporates'
import { relatedById } from '../../src/state/corporate-related'

const ONE = '/api/partner/corporates/{corporateId}/related/{corporateRelatedId}'

describe('PATCH /api/partner/corporates/{corporateId}/related/{corporateRelatedId}', () => {
  it('updates a person (a new e-mail or phone is unverified) and an entity; 200 {id}', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const charles = await declare(w, token, corporateId, { info: person('Charles', 'Director', { emailAddress: 'c@example.test', phone: { countryCode: '33', number: '611111111' } }), isDirector: true })
    w.store.clock.advance(1000)
    const res = await w.call('PATCH', relatedPath(corporateId, charles), {
      token,
      body: {
        externalId: 'ext-charles', firstName: 'Charly', middleName: 'M', emailAddress: 'charly@example.test', phone: { countryCode: '+33', number: '622222222' },
        address: { isoCountryCode: 'USA', city: 'Boston', postalCode: '02108', street: 'Beacon St' }, nationalityCode: 'USA', directorAppointmentDate: '2022-01-01',
      },
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(referenceErrors('PATCH', ONE, 200, body)).toEqual([])
    expect(body).toEqual({ id: charles })
    const info = await getRelated(w, token, corporateId, charles)
    expect(info).toMatchObject({
      externalId: 'ext-charles', firstName: 'Charly', middleName: 'M', lastName: 'Director', email: { address: 'charly@example.test', verified: false },
      phone: { countryCode: '33', number: '622222222', verified: false }, address: { isoCountryCode: 'USA', city: 'Boston', status: 'VALID' }, nationalityCode: 'USA',
      position: { isDirector: true, directorAppointmentDate: '2022-01-01' }, updateDate: '2026-01-15T10:00:01.000Z',
    })

    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), isDirector: true })
    const patched = await w.call('PATCH', relatedPath(corporateId, holding), { token, body: { registeredName: 'Holding Group SA', incorporationCode: 'H-2', website: 'https://holding.example', isDirector: false, sharesInfo: [{ percentage: 30 }] } })
    expect(patched.status, await patched.clone().text()).toBe(200)
    expect(await getRelated(w, token, corporateId, holding)).toMatchObject({
      registeredName: 'Holding Group SA', incorporationCode: 'H-2', website: 'https://holding.example', position: { isDirector: false },
      totalSharesPercentage: 30, shares: [{ directSharesPercentage: 30, layer: 1 }],
    })
  })

  it('answers every documented error with its exact body', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId, accountOwnerId } = await newCorporate(w)
    const patch = (relatedId: string, body: Record<string, unknown>, id = corporateId) => w.call('PATCH', relatedPath(id, relatedId), { token, body })
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), isDirector: true })
    const ann = await declare(w, token, corporateId, { info: person('Ann', 'Major'), sharesInfo: [{ percentage: 60 }] })
    const sam = await declare(w, token, corporateId, { info: person('Sam', 'Minor') })

    await expectError(await patch(holding, { firstName: 'Nope' }), 400, 'CORPORATE_RELATED_ENTITY_NOT_COMPATIBLE',
      `Corporate related requested did not match corporate related found with id ${holding}.`, { field: 'firstName', rejectedValue: 'Nope' })
    await expectError(await patch(ann, { registeredName: 'Ann SA' }), 400, 'CORPORATE_RELATED_ENTITY_NOT_COMPATIBLE',
      `Corporate related requested did not match corporate related found with id ${ann}.`, { field: 'registeredName', rejectedValue: 'Ann SA' })
    await expectError(await patch(ann, { firstName: 'A' }, MISSING_ID), 400, 'PERSON_NOT_FOUND', `Person of type CORPORATE with id ${MISSING_ID} was not found.`,
      { field: 'corporateId', rejectedValue: MISSING_ID })
    await expectError(await patch(sam, { sharesInfo: [{ percentage: 41 }] }), 400, 'TOTAL_SHARES_PERCENTAGE_IS_OVER_100',
      'The shares of this entity would cause its owned corporate to exceed 100% of shares (101.0%).', { field: 'sharesInfo[0].percentage', rejectedValue: '41' })
    await expectError(await patch(MISSING_ID, { firstName: 'A' }), 404, 'CORPORATE_RELATED_NOT_FOUND', `Corporate related with id ${MISSING_ID} was not found.`)
    await expectError(await patch(sam, { isSpecialUbo: true }), 409, 'UBO_ALREADY_EXISTING', `You cannot add a special UBO because there is already a UBO for corporate with id ${corporateId}.`)
    await expectError(await patch(accountOwnerId, { phone: { countryCode: '33', number: '600000001' } }), 409, 'ACCOUNT_OWNER_PHONE_CANNOT_BE_PATCHED',
      'You cannot patch the phone of an account owner.')
    await expectError(await patch(holding, { isDirector: false }), 400, 'CORPORATE_RELATED_CORPORATE_MUST_BE_SHAREHOLDER_OR_DIRECTOR',
      'To be added as a corporate-related entity, a corporate must be a shareholder or a director.', { field: 'isDirector' })
    const other = await declare(w, token, corporateId, { info: entity('Other SA', 'O-1'), isDirector: true })
    await expectError(await patch(other, { incorporationCode: 'H-1' }), 409, 'CORPORATE_RELATED_CORPORATE_ALREADY_ADDED',
      'A corporate-related corporate with the same incorporation code (H-1) and incorporation country (FRA) has already been added for this corporate.')
    expect(relatedById(w.store, sam)!.isSpecialUbo).toBe(false)

    expect((await w.call('PATCH', `/api/partner/corporates/${corporateId}/kyb`, { token, body: { kybStatus: 'DECLINED' } })).status).toBe(200)
    await expectError(await patch(ann, { firstName: 'Annie' }), 409, 'KYB_STATUS_MUST_NOT_BE_DECLINED',
      `The current KYB status (DECLINED) of corporate with id ${corporateId} does not allow this operation.`)
    // The external identifier stays patchable.
    expect((await patch(ann, { externalId: 'ext-ann' })).status).toBe(200)
    expect(relatedById(w.store, ann)!.externalId).toBe('ext-ann')
  })

  it('keeps an unchanged account-owner phone and a special UBO when nobody else is one', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId, accountOwnerId } = await newCorporate(w)
    const owner = relatedById(w.store, accountOwnerId)!
    expect((await w.call('PATCH', relatedPath(corporateId, accountOwnerId), { token, body: { phone: { countryCode: owner.phoneCountryCode, number: owner.phoneNumber }, lastName: 'Owner-Smith' } })).status).toBe(200)
    expect((await w.call('PATCH', relatedPath(corporateId, accountOwnerId), { token, body: { isSpecialUbo: true } })).status).toBe(200)
    expect((await getRelated(w, token, corporateId, accountOwnerId)).position).toMatchObject({ isUbo: true, isSpecialUbo: true, isAccountOwner: true })
  })

  it('refuses bad input with 400 and never 500', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId, accountOwnerId } = await newCorporate(w)
    for (const body of [{ isDirector: 'no' }, { phone: { countryCode: '33', number: 'abc' } }, { industry: 'NOPE' }, { sharesInfo: [{ percentage: -1 }] }, { externalId: 'x'.repeat(512) }, { emailAddress: 'not-an-email' }, 'not json']) {
      const res = await w.call('PATCH', relatedPath(corporateId, accountOwnerId), { token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })
})

describe('PATCH /api/partner/corporates/related/{corporateRelatedId} (newer documentation path)', () => {
  it('updates the row of its own corporate; an unknown, another partner\'s or another corporate\'s row is CORPORATE_RELATED_NOT_FOUND', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const mine = await newCorporate(w)
    const theirs = await newCorporate(w)
    const foreign = await newCorporate(w, {}, 'other-sandbox')
    const ann = await declare(w, token, mine.corporateId, { info: person('Ann', 'Major'), sharesInfo: [{ percentage: 60 }] })
    const path = (id: string) => `/api/partner/corporates/related/${id}`
    const res = await w.call('PATCH', path(ann), { token, body: { lastName: 'Majority', externalId: 'ext-ann', sharesInfo: [{ percentage: 70 }] } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: ann })
    expect(await getRelated(w, token, mine.corporateId, ann)).toMatchObject({ lastName: 'Majority', externalId: 'ext-ann', totalSharesPercentage: 70 })

    const own = await corporateToken(w, mine)
    expect((await w.call('PATCH', path(ann), { token: own, body: { firstName: 'Annie' } })).status).toBe(200)
    for (const [who, id] of [[token, MISSING_ID], [token, foreign.accountOwnerId], [own, theirs.accountOwnerId]] as const) {
      await expectError(await w.call('PATCH', path(id), { token: who, body: { firstName: 'X' } }), 404, 'CORPORATE_RELATED_NOT_FOUND', `Corporate related with id ${id} was not found.`)
    }
    expect(relatedById(w.store, theirs.accountOwnerId)!.firstName).toBe('Olivia')
    expect((await w.call('PATCH', `/api/partner/corporates/${mine.corporateId}/kyb`, { token, body: { kybStatus: 'DECLINED' } })).status).toBe(200)
    await expectError(await w.call('PATCH', path(ann), { token, body: { firstName: 'Late' } }), 409, 'KYB_STATUS_MUST_NOT_BE_DECLINED',
      `The current KYB status (DECLINED) of corporate with id ${mine.corporateId} does not allow this operation.`)
    expect((await w.call('PATCH', path('not-a-uuid'), { token, body: {} })).status).toBe(400)
  })
})
