import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { expectError } from '../helpers/errors'
import { referenceErrors } from '../helpers/reference'
import { declare, entity, getRelated, newCorporate, person, relatedPath } from '../helpers/kyb'
import { consumerLogin, MISSING_ID } from '../helpers/consumers'
import { corporateToken } from '../helpers/corporates'
import { corporateById } from '../../src/state/corporates'

const POST = 'POST'
const LIST = '/api/partner/corporates/{corporateId}/related'
const ONE = '/api/partner/corporates/{corporateId}/related/{corporateRelatedId}'

describe('POST /api/partner/corporates/{corporateId}/related', () => {
  it('declares a director and a holding company with an indirect shareholder; GET shows both shapes with shares placed in layers', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId, accountOwnerId } = await newCorporate(w)
    const res = await w.call(POST, relatedPath(corporateId), {
      token,
      body: {
        info: person('Charles', 'Director', { emailAddress: 'charles@example.test', phone: { countryCode: '33', number: '612345678' }, nationalityCode: 'FRA',
          address: { isoCountryCode: 'BEL', city: 'Bruxelles', postalCode: '1000', street: 'Rue Haute', number: '3' } }),
        isDirector: true, directorAppointmentDate: '2021-05-06', sharesInfo: [{ percentage: 5 }],
      },
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string }
    expect(referenceErrors(POST, LIST, 201, created)).toEqual([])
    const charles = created.id
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1', { tradeName: 'Holding', industry: 'IT_SERVICES' }), sharesInfo: [{ percentage: 90 }] })
    const alice = await declare(w, token, corporateId, { info: person('Alice', 'Ubo'), sharesInfo: [{ percentage: 40, ownedCorporateId: holding }] })

    const info = await getRelated(w, token, corporateId, alice)
    expect(referenceErrors('GET', ONE, 200, info)).toEqual([])
    expect(info).toMatchObject({
      id: alice, firstName: 'Alice', lastName: 'Ubo', isPep: false, email: { verified: false }, totalSharesPercentage: 36,
      position: { isDirector: false, isAccountOwner: false, isUbo: true, isSpecialUbo: false },
      kycInfo: { status: 'NOT_STARTED', type: 'DOC_ONLY' },
      shares: [{ ownedCorporate: { id: holding, registeredName: 'Holding SA', tradeName: 'Holding' }, directSharesPercentage: 40, finalSharesPercentage: 36, layer: 2 }],
    })
    const director = await getRelated(w, token, corporateId, charles)
    expect(referenceErrors('GET', ONE, 200, director)).toEqual([])
    expect(director).toMatchObject({
      phone: { countryCode: '33', number: '612345678', verified: false }, email: { address: 'charles@example.test', verified: false },
      address: { isoCountryCode: 'BEL', city: 'Bruxelles', status: 'VALID' }, nationalityCode: 'FRA', totalSharesPercentage: 5,
      position: { isDirector: true, directorAppointmentDate: '2021-05-06', isUbo: false }, kycInfo: { type: 'DOC_ONLY' },
      shares: [{ layer: 1, directSharesPercentage: 5, finalSharesPercentage: 5, ownedCorporate: { id: corporateId } }],
    })
    const company = await getRelated(w, token, corporateId, holding)
    expect(referenceErrors('GET', ONE, 200, company)).toEqual([])
    expect(company).toMatchObject({
      registeredName: 'Holding SA', tradeName: 'Holding', incorporationCountry: 'FRA', incorporationCode: 'H-1', industry: 'IT_SERVICES',
      position: { isDirector: false }, totalSharesPercentage: 90, shares: [{ layer: 1, finalSharesPercentage: 90 }],
    })
    // The account owner declared with the corporate is the first director: the FULL_KYC one.
    expect((await getRelated(w, token, corporateId, accountOwnerId)).kycInfo.type).toBe('FULL_KYC')

    const list = (await (await w.call('GET', `${relatedPath(corporateId)}?sortDirection=ASC`, { token })).json()) as Record<string, any>
    expect(referenceErrors('GET', LIST, 200, list)).toEqual([])
    expect(list.content.map((r: { id: string }) => r.id)).toEqual([accountOwnerId, charles, holding, alice])
    expect(list.content[3]).toMatchObject({ totalSharePercentage: 36, kycInfo: { status: 'NOT_STARTED' }, isDirector: false, isAccountOwner: false, isUbo: true })
    // The position is repeated at the element's top level, as LinkCy's sandbox sample shows it.
    expect(list.content[1]).toMatchObject({ isDirector: true, directorAppointmentDate: '2021-05-06', isAccountOwner: false, isUbo: false, position: { isDirector: true } })
    expect(list.content[2]).toMatchObject({ isDirector: false, position: { isDirector: false } })
    expect(list.content[2].isUbo).toBeUndefined()
  })
})

describe('POST /api/partner/corporates/{corporateId}/related: refusals', () => {
  it('answers every documented error with its exact body', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const post = (body: Record<string, unknown>, id = corporateId) => w.call(POST, relatedPath(id), { token, body: { isDirector: false, sharesInfo: [], ...body } })

    await expectError(await post({ info: entity('Idle SA', 'I-1') }), 400, 'CORPORATE_RELATED_CORPORATE_MUST_BE_SHAREHOLDER_OR_DIRECTOR',
      'To be added as a corporate-related entity, a corporate must be a shareholder or a director.', { field: 'sharesInfo', rejectedValue: '[]' })
    await expectError(await post({ info: person('Bob', 'Lost'), sharesInfo: [{ percentage: 10, ownedCorporateId: MISSING_ID }] }), 400, 'OWNED_CORPORATE_NOT_FOUND',
      `Owned corporate with id ${MISSING_ID} was not found.`, { field: 'sharesInfo[0].ownedCorporateId', rejectedValue: MISSING_ID })
    await declare(w, token, corporateId, { info: person('Ann', 'Major'), sharesInfo: [{ percentage: 60 }] })
    await expectError(await post({ info: person('Bob', 'Greedy'), sharesInfo: [{ percentage: 50 }] }), 400, 'TOTAL_SHARES_PERCENTAGE_IS_OVER_100',
      'The shares of this entity would cause its owned corporate to exceed 100% of shares (110.0%).', { field: 'sharesInfo[0].percentage', rejectedValue: '50' })
    await expectError(await post({ info: person('Bob', 'Twice'), sharesInfo: [{ percentage: 5 }, { percentage: 5, ownedCorporateId: corporateId }] }), 400,
      'MORE_THAN_ONE_SHARE_BY_OWNED_CORPORATE', "There can be only one share's information by owned corporate and related corporate.", { field: 'sharesInfo' })
    await expectError(await post({ info: person('Bob', 'Nowhere') }, MISSING_ID), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${MISSING_ID} was not found.`)

    await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), isDirector: true })
    await expectError(await post({ info: entity('Holding bis', 'H-1'), isDirector: true }), 409, 'CORPORATE_RELATED_CORPORATE_ALREADY_ADDED',
      'A corporate-related corporate with the same incorporation code (H-1) and incorporation country (FRA) has already been added for this corporate.')
    // Ann holds 60%: a UBO already exists, so nobody can be designated special UBO.
    await expectError(await post({ info: person('Sam', 'Special', { isSpecialUbo: true }) }), 409, 'UBO_ALREADY_EXISTING',
      `You cannot add a special UBO because there is already a UBO for corporate with id ${corporateId}.`)

    expect((await w.call('PATCH', `/api/partner/corporates/${corporateId}/kyb`, { token, body: { kybStatus: 'DECLINED' } })).status).toBe(200)
    await expectError(await post({ info: person('Late', 'Comer') }), 409, 'KYB_STATUS_MUST_NOT_BE_DECLINED',
      `The current KYB status (DECLINED) of corporate with id ${corporateId} does not allow this operation.`)
  })

  it('designates a special UBO when no shareholder reaches the threshold (10% with extended UBOs)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const small = await declare(w, token, corporateId, { info: person('Sue', 'Small'), sharesInfo: [{ percentage: 20 }] })
    const special = await declare(w, token, corporateId, { info: person('Sam', 'Special', { isSpecialUbo: true }) })
    expect((await getRelated(w, token, corporateId, special)).position).toMatchObject({ isUbo: true, isSpecialUbo: true })
    expect((await getRelated(w, token, corporateId, small)).position.isUbo).toBe(false)
  })

  it('moves the KYB from NOT_STARTED to COMPLETING', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    expect(corporateById(w.store, corporateId)!.kybStatus).toBe('NOT_STARTED')
    await declare(w, token, corporateId, { info: person('Charles', 'Director'), isDirector: true })
    expect(corporateById(w.store, corporateId)!.kybStatus).toBe('COMPLETING')
  })

  it('refuses bad input with 400s, another partner\'s corporate with 404, and a consumer with 403/404', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const other = await newCorporate(w, {}, 'other-sandbox')
    const post = (body: unknown, id = corporateId) => w.call(POST, relatedPath(id), { token, body })
    const bad = async (res: Response, field: string) => {
      expect(res.status).toBe(400)
      const body = (await res.json()) as { details: { field: string }[] }
      expect(body.details.map((d) => d.field)).toContain(field)
    }
    await bad(await post({ info: person('A', 'B'), isDirector: 'yes', sharesInfo: [] }), 'isDirector')
    await bad(await post({ info: { firstName: 'A' }, isDirector: true, sharesInfo: [] }), 'info.lastName')
    await bad(await post({ info: person('A', 'B', { nationalityCode: 'XXX' }), isDirector: true, sharesInfo: [] }), 'info.nationalityCode')
    await bad(await post({ info: person('A', 'B'), isDirector: false, sharesInfo: [{ percentage: 101 }] }), 'sharesInfo[0].percentage')
    await bad(await post({ info: person('A', 'B'), isDirector: false, sharesInfo: [{ percentage: 'ten' }] }), 'sharesInfo[0].percentage')
    await bad(await post({ info: person('A', 'B'), isDirector: false, sharesInfo: [{ percentage: 1, ownedCorporateId: 'nope' }] }), 'sharesInfo[0].ownedCorporateId')
    await bad(await post({ info: person('A', 'B'), isDirector: true, directorAppointmentDate: '2021-13-45', sharesInfo: [] }), 'directorAppointmentDate')
    await bad(await post({ info: person('A', 'B'), isDirector: true }), 'sharesInfo')
    await bad(await post({ info: person('A', 'B', { emailAddress: 'not-an-email' }), isDirector: true, sharesInfo: [] }), 'info.emailAddress')
    expect((await w.call(POST, '/api/partner/corporates/not-a-uuid/related', { token, body: { info: person('A', 'B'), isDirector: true, sharesInfo: [] } })).status).toBe(400)
    await expectError(await post({ info: person('A', 'B'), isDirector: true, sharesInfo: [] }, other.corporateId), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${other.corporateId} was not found.`)
    const ownedElsewhere = await declare(w, await w.partnerToken({ partnerName: 'other-sandbox', username: 'partner@other.test', password: 'Other-Password-1' }), other.corporateId,
      { info: entity('Foreign SA', 'F-1'), isDirector: true })
    await expectError(await post({ info: person('A', 'B'), isDirector: false, sharesInfo: [{ percentage: 10, ownedCorporateId: ownedElsewhere }] }), 400, 'OWNED_CORPORATE_NOT_FOUND',
      `Owned corporate with id ${ownedElsewhere} was not found.`)
    await expectError(await post({ info: person('A', 'B'), isDirector: false, sharesInfo: [{ percentage: 0 }] }), 400, 'SHARE_PERCENTAGE_EQUALS_ZERO', 'The share percentage can not be zero.')
    // An invalid second share leaves nothing behind.
    const before = (await (await w.call('GET', relatedPath(corporateId), { token })).json()) as { totalElements: number }
    await expectError(await post({ info: person('A', 'B'), isDirector: false, sharesInfo: [{ percentage: 10 }, { percentage: 10, ownedCorporateId: MISSING_ID }] }), 400, 'OWNED_CORPORATE_NOT_FOUND',
      `Owned corporate with id ${MISSING_ID} was not found.`, { field: 'sharesInfo[1].ownedCorporateId', rejectedValue: MISSING_ID })
    expect(((await (await w.call('GET', relatedPath(corporateId), { token })).json()) as { totalElements: number }).totalElements).toBe(before.totalElements)
    // info with the members of both shapes is read as a legal entity (docs/fidelity.md), the person's members ignored.
    const both = (await (await post({ info: { ...person('Ann', 'Both'), ...entity('Both SA', 'BOTH-1') }, isDirector: true, sharesInfo: [] })).json()) as { id: string }
    expect(await getRelated(w, token, corporateId, both.id)).toMatchObject({ registeredName: 'Both SA', incorporationCode: 'BOTH-1', position: { isDirector: true } })
    expect((await getRelated(w, token, corporateId, both.id)).firstName).toBeUndefined()
  })
})

describe('GET /api/partner/corporates/{corporateId}/related', () => {
  it('filters by owned entity and by layer, sorts and pages', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId, accountOwnerId } = await newCorporate(w, { accountOwnerInfo: { directSharesPercentage: 10 } })
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), sharesInfo: [{ percentage: 90 }] })
    w.store.clock.advance(60_000)
    const alice = await declare(w, token, corporateId, { info: person('Alice', 'Ubo'), sharesInfo: [{ percentage: 40, ownedCorporateId: holding }] })
    w.store.clock.advance(60_000)
    const bob = await declare(w, token, corporateId, { info: person('Bob', 'Ubo'), sharesInfo: [{ percentage: 60, ownedCorporateId: holding }] })
    const ids = async (query: string) => {
      const res = await w.call('GET', `${relatedPath(corporateId)}?${query}`, { token })
      expect(res.status, await res.clone().text()).toBe(200)
      const body = (await res.json()) as { content: { id: string }[]; totalElements: number }
      return { ids: body.content.map((r) => r.id), total: body.totalElements }
    }
    expect(await ids(`ownedCorporateId=${holding}`)).toEqual({ ids: [bob, alice], total: 2 })
    expect(await ids(`ownedCorporateId=${corporateId}&sortDirection=ASC`)).toEqual({ ids: [accountOwnerId, holding], total: 2 })
    expect(await ids('layer=2&sortAttribute=CREATION_DATE&sortDirection=ASC')).toEqual({ ids: [alice, bob], total: 2 })
    expect(await ids('layer=1&pageSize=1&page=1&sortDirection=ASC')).toEqual({ ids: [holding], total: 2 })
    // Default: newest first, ties in reverse declaration order.
    expect(await ids('')).toEqual({ ids: [bob, alice, holding, accountOwnerId], total: 4 })
  })

  it('answers CORPORATE_RELATED_NOT_FOUND for an unknown owned entity, CORPORATE_NOT_FOUND for an unknown corporate, 400 for bad queries', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    await expectError(await w.call('GET', `${relatedPath(corporateId)}?ownedCorporateId=${MISSING_ID}`, { token }), 404, 'CORPORATE_RELATED_NOT_FOUND',
      `Corporate related with id ${MISSING_ID} was not found.`)
    await expectError(await w.call('GET', relatedPath(MISSING_ID), { token }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${MISSING_ID} was not found.`)
    for (const q of ['layer=one', 'layer=1.5', 'layer=2147483648', 'ownedCorporateId=x', 'pageSize=101', 'sortAttribute=NAME', 'sortDirection=UP']) {
      expect((await w.call('GET', `${relatedPath(corporateId)}?${q}`, { token })).status, q).toBe(400)
    }
  })
})

describe('GET /api/partner/corporates/{corporateId}/related/{corporateRelatedId}', () => {
  it('answers CORPORATE_RELATED_NOT_FOUND for an unknown id, another corporate\'s row or another partner\'s', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const first = await newCorporate(w)
    const second = await newCorporate(w)
    const other = await newCorporate(w, {}, 'other-sandbox')
    for (const [corporateId, relatedId] of [[first.corporateId, MISSING_ID], [first.corporateId, second.accountOwnerId], [other.corporateId, other.accountOwnerId], [MISSING_ID, first.accountOwnerId]]) {
      await expectError(await w.call('GET', relatedPath(corporateId!, relatedId), { token }), 404, 'CORPORATE_RELATED_NOT_FOUND', `Corporate related with id ${relatedId} was not found.`)
    }
    expect((await w.call('GET', relatedPath(first.corporateId, 'nope'), { token })).status).toBe(400)
  })
})

describe('end-user callers', () => {
  it('lets a corporate\'s account owner manage its own related persons, not another corporate\'s; a consumer sees none', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const mine = await newCorporate(w)
    const theirs = await newCorporate(w)
    const token = await corporateToken(w, mine)
    const id = await declare(w, token, mine.corporateId, { info: person('Self', 'Served'), isDirector: true })
    expect((await getRelated(w, partner, mine.corporateId, id)).firstName).toBe('Self')
    expect((await w.call('GET', relatedPath(mine.corporateId), { token })).status).toBe(200)
    await expectError(await w.call('GET', relatedPath(theirs.corporateId), { token }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${theirs.corporateId} was not found.`)
    await expectError(await w.call('GET', relatedPath(theirs.corporateId, theirs.accountOwnerId), { token }), 404, 'CORPORATE_RELATED_NOT_FOUND',
      `Corporate related with id ${theirs.accountOwnerId} was not found.`)
    const consumer = await consumerLogin(w, '612340000')
    await expectError(await w.call('GET', relatedPath(mine.corporateId), { token: consumer.token }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${mine.corporateId} was not found.`)
    // The sandbox KYB decision is the partner's.
    expect((await w.call('PATCH', `/api/partner/corporates/${mine.corporateId}/kyb`, { token, body: { kybStatus: 'VALIDATED' } })).status).toBe(403)
  })
})
