import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { expectError } from '../helpers/errors'
import { referenceErrors } from '../helpers/reference'
import { declare, entity, getRelated, newCorporate, person, SHARES } from '../helpers/kyb'
import { MISSING_ID } from '../helpers/consumers'
import { createCorporate } from '../helpers/corporates'
import { partnerWith } from '../helpers/partners'
import { corporateById } from '../../src/state/corporates'

describe('shares: POST, GET, PATCH, DELETE /api/partner/shares', () => {
  it('creates direct and indirect shares placed in layers with final percentages; updates and deletes them', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const top = await declare(w, token, corporateId, { info: entity('Top SA', 'T-1'), isDirector: true })
    const mid = await declare(w, token, corporateId, { info: entity('Mid SA', 'M-1'), isDirector: true })
    const alice = await declare(w, token, corporateId, { info: person('Alice', 'Deep') })

    const create = async (body: Record<string, unknown>) => {
      const res = await w.call('POST', SHARES, { token, body })
      expect(res.status, await res.clone().text()).toBe(201)
      const created = (await res.json()) as { id: string }
      expect(referenceErrors('POST', SHARES, 201, created)).toEqual([])
      return created.id
    }
    await create({ corporateRelatedId: top, percentage: 80 })
    await create({ corporateRelatedId: mid, percentage: 50, ownedCorporateId: top })
    const deep = await create({ corporateRelatedId: alice, percentage: 33.3333, ownedCorporateId: mid })

    const res = await w.call('GET', `${SHARES}/${deep}`, { token })
    expect(res.status).toBe(200)
    const info = await res.json()
    expect(referenceErrors('GET', `${SHARES}/{shareId}`, 200, info)).toEqual([])
    expect(info).toEqual({
      id: deep, ownedCorporate: { id: mid, registeredName: 'Mid SA' }, corporateRelated: { id: alice, firstName: 'Alice', lastName: 'Deep' },
      directSharesPercentage: 33.3333, finalSharesPercentage: 13.3333, layer: 3,
    })
    expect((await getRelated(w, token, corporateId, alice)).totalSharesPercentage).toBe(13.3333)

    const patch = await w.call('PATCH', `${SHARES}/${deep}`, { token, body: { percentage: 100 } })
    expect(patch.status).toBe(200)
    const patched = await patch.json()
    expect(referenceErrors('PATCH', `${SHARES}/{shareId}`, 200, patched)).toEqual([])
    expect(patched).toEqual({ id: deep })
    expect(await getRelated(w, token, corporateId, alice)).toMatchObject({ totalSharesPercentage: 40, position: { isUbo: true } })

    expect((await w.call('DELETE', `${SHARES}/${deep}`, { token })).status).toBe(204)
    await expectError(await w.call('GET', `${SHARES}/${deep}`, { token }), 404, 'SHARE_NOT_FOUND', `Share with id ${deep} was not found.`)
    expect(await getRelated(w, token, corporateId, alice)).toMatchObject({ totalSharesPercentage: 0, shares: [], position: { isUbo: false } })
    expect(corporateById(w.store, corporateId)!.kybStatus).toBe('COMPLETING')
  })

  it('answers every documented error with its exact body', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const a = await declare(w, token, corporateId, { info: entity('A SA', 'A-1'), isDirector: true })
    const b = await declare(w, token, corporateId, { info: entity('B SA', 'B-1'), isDirector: true })
    const c = await declare(w, token, corporateId, { info: entity('C SA', 'C-1'), isDirector: true })
    const post = (body: Record<string, unknown>) => w.call('POST', SHARES, { token, body })

    await expectError(await post({ corporateRelatedId: MISSING_ID, percentage: 10 }), 400, 'CORPORATE_RELATED_NOT_FOUND',
      `Corporate related with id ${MISSING_ID} was not found.`, { field: 'corporateRelatedId', rejectedValue: MISSING_ID })
    await expectError(await post({ corporateRelatedId: a, percentage: 0 }), 400, 'SHARE_PERCENTAGE_EQUALS_ZERO', 'The share percentage can not be zero.', { field: 'percentage', rejectedValue: '0' })
    const first = (await (await post({ corporateRelatedId: a, percentage: 70 })).json()) as { id: string }
    await expectError(await post({ corporateRelatedId: b, percentage: 30.5 }), 400, 'TOTAL_SHARES_PERCENTAGE_IS_OVER_100',
      'The shares of this entity would cause its owned corporate to exceed 100% of shares (100.5%).', { field: 'percentage', rejectedValue: '30.5' })
    await expectError(await post({ corporateRelatedId: a, percentage: 10, ownedCorporateId: corporateId }), 409, 'SHARE_ALREADY_EXIST',
      `The corporate-related ${a} has already share with the owned corporate id ${corporateId}.`)
    // A holds B's shares, B holds C's: C holding A's would close the loop (and A holding A's too).
    expect((await post({ corporateRelatedId: a, percentage: 50, ownedCorporateId: b })).status).toBe(201)
    expect((await post({ corporateRelatedId: b, percentage: 50, ownedCorporateId: c })).status).toBe(201)
    const cyclic = 'An owned corporate-related has shares of the current corporate-related which would lead to a cyclic share dependency.'
    await expectError(await post({ corporateRelatedId: c, percentage: 10, ownedCorporateId: a }), 409, 'CYCLIC_SHARE_DEPENDENCY', cyclic)
    await expectError(await post({ corporateRelatedId: a, percentage: 10, ownedCorporateId: a }), 409, 'CYCLIC_SHARE_DEPENDENCY', cyclic)

    await expectError(await w.call('PATCH', `${SHARES}/${first.id}`, { token, body: { percentage: 0 } }), 400, 'SHARE_PERCENTAGE_EQUALS_ZERO', 'The share percentage can not be zero.')
    await expectError(await w.call('PATCH', `${SHARES}/${first.id}`, { token, body: { percentage: 150 } }), 400, 'TOTAL_SHARES_PERCENTAGE_IS_OVER_100',
      'The shares of this entity would cause its owned corporate to exceed 100% of shares (150.0%).')
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      await expectError(await w.call(method, `${SHARES}/${MISSING_ID}`, { token, body: method === 'PATCH' ? { percentage: 10 } : undefined }), 404, 'SHARE_NOT_FOUND',
        `Share with id ${MISSING_ID} was not found.`)
    }
  })

  it('scopes shares to the partner, refuses owned entities of another corporate and bad input', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const mine = await newCorporate(w)
    const theirs = await newCorporate(w)
    const otherPartner = await newCorporate(w, {}, 'other-sandbox')
    const otherToken = await w.partnerToken({ partnerName: 'other-sandbox', username: 'partner@other.test', password: 'Other-Password-1' })
    const foreign = await declare(w, token, theirs.corporateId, { info: entity('Theirs SA', 'X-1'), isDirector: true })
    await expectError(await w.call('POST', SHARES, { token, body: { corporateRelatedId: mine.accountOwnerId, percentage: 10, ownedCorporateId: foreign } }), 400,
      'OWNED_CORPORATE_NOT_FOUND', `Owned corporate with id ${foreign} was not found.`, { field: 'ownedCorporateId', rejectedValue: foreign })
    await expectError(await w.call('POST', SHARES, { token, body: { corporateRelatedId: otherPartner.accountOwnerId, percentage: 10 } }), 400,
      'CORPORATE_RELATED_NOT_FOUND', `Corporate related with id ${otherPartner.accountOwnerId} was not found.`)
    const share = (await (await w.call('POST', SHARES, { token, body: { corporateRelatedId: mine.accountOwnerId, percentage: 10 } })).json()) as { id: string }
    await expectError(await w.call('GET', `${SHARES}/${share.id}`, { token: otherToken }), 404, 'SHARE_NOT_FOUND', `Share with id ${share.id} was not found.`)
    for (const body of [{ corporateRelatedId: 'x', percentage: 10 }, { corporateRelatedId: mine.accountOwnerId, percentage: '10' }, { corporateRelatedId: mine.accountOwnerId, percentage: 100.5 },
      { corporateRelatedId: mine.accountOwnerId }, { corporateRelatedId: mine.accountOwnerId, percentage: 1, ownedCorporateId: 7 }]) {
      expect((await w.call('POST', SHARES, { token, body })).status, JSON.stringify(body)).toBe(400)
    }
    expect((await w.call('PATCH', `${SHARES}/${share.id}`, { token, body: { percentage: -5 } })).status).toBe(400)
    expect((await w.call('GET', `${SHARES}/not-a-uuid`, { token })).status).toBe(400)
  })

  it('shows a legal entity holder and a direct share of the corporate', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1', { tradeName: 'Holding' }), isDirector: true })
    const { id } = (await (await w.call('POST', SHARES, { token, body: { corporateRelatedId: holding, percentage: 25 } })).json()) as { id: string }
    const info = await (await w.call('GET', `${SHARES}/${id}`, { token })).json()
    const { registeredName, tradeName } = corporateById(w.store, corporateId)!
    expect(info).toEqual({
      id, ownedCorporate: { id: corporateId, registeredName, tradeName }, corporateRelated: { id: holding, tradeName: 'Holding', registeredName: 'Holding SA' },
      directSharesPercentage: 25, finalSharesPercentage: 25, layer: 1,
    })
  })

  it('places the holders of an entity that also holds a share of an unconnected entity; 3 layers; UBO and complianceInfo follow a deleted share', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), sharesInfo: [{ percentage: 50 }] })
    // Idle SA is a director holding no share: it reaches nothing, so Holding's 10% of it has layer 0 and final 0.
    const idle = await declare(w, token, corporateId, { info: entity('Idle SA', 'I-1'), isDirector: true })
    const side = (await (await w.call('POST', SHARES, { token, body: { corporateRelatedId: holding, percentage: 10, ownedCorporateId: idle } })).json()) as { id: string }
    const alice = await declare(w, token, corporateId, { info: person('Alice', 'Ubo'), sharesInfo: [{ percentage: 50, ownedCorporateId: holding }] })
    const mid = await declare(w, token, corporateId, { info: entity('Mid SA', 'M-1'), sharesInfo: [{ percentage: 50, ownedCorporateId: holding }] })
    const bob = await declare(w, token, corporateId, { info: person('Bob', 'Deep'), sharesInfo: [{ percentage: 100, ownedCorporateId: mid }] })

    expect(await getRelated(w, token, corporateId, alice)).toMatchObject({
      totalSharesPercentage: 25, position: { isUbo: true }, shares: [{ ownedCorporate: { id: holding }, directSharesPercentage: 50, finalSharesPercentage: 25, layer: 2 }],
    })
    const deep = await getRelated(w, token, corporateId, bob)
    expect(referenceErrors('GET', '/api/partner/corporates/{corporateId}/related/{corporateRelatedId}', 200, deep)).toEqual([])
    expect(deep).toMatchObject({ totalSharesPercentage: 25, position: { isUbo: true }, shares: [{ ownedCorporate: { id: mid }, finalSharesPercentage: 25, layer: 3 }] })
    expect(await (await w.call('GET', `${SHARES}/${side.id}`, { token })).json()).toMatchObject({ directSharesPercentage: 10, finalSharesPercentage: 0, layer: 0 })
    const layer3 = (await (await w.call('GET', `/api/partner/corporates/${corporateId}/related?layer=3`, { token })).json()) as { content: { id: string }[] }
    expect(layer3.content.map((r) => r.id)).toEqual([bob])
    const compliance = async () => ((await (await w.call('GET', `/api/partner/corporates/${corporateId}`, { token })).json()) as { complianceInfo: unknown }).complianceInfo
    expect(await compliance()).toEqual({ maxUbosLayer: 3, relatedLayersTotal: 3, isExtendedUbos: false })

    // Mid's share of Holding deleted: Bob no longer reaches the corporate, so he is no UBO and layer 3 is gone.
    const midShare = (await getRelated(w, token, corporateId, mid)).shares[0].id as string
    expect((await w.call('DELETE', `${SHARES}/${midShare}`, { token })).status).toBe(204)
    expect(await getRelated(w, token, corporateId, bob)).toMatchObject({ totalSharesPercentage: 0, position: { isUbo: false }, shares: [{ finalSharesPercentage: 0, layer: 0 }] })
    expect(await compliance()).toEqual({ maxUbosLayer: 2, relatedLayersTotal: 2, isExtendedUbos: false })
  })

  it('adds floats as LinkCy does (33.33 + 33.33 + 33.34 = 100), UBO at exactly the threshold (25, or 10 with extended UBOs)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const a = await declare(w, token, corporateId, { info: person('Ann', 'Third'), sharesInfo: [{ percentage: 33.33 }] })
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), sharesInfo: [{ percentage: 33.33 }] })
    const last = await w.call('POST', SHARES, { token, body: { corporateRelatedId: (await declare(w, token, corporateId, { info: person('Carl', 'Third') })), percentage: 33.34 } })
    expect(last.status).toBe(201)
    await expectError(await w.call('POST', SHARES, { token, body: { corporateRelatedId: holding, percentage: 0.0001, ownedCorporateId: corporateId } }), 409, 'SHARE_ALREADY_EXIST',
      `The corporate-related ${holding} has already share with the owned corporate id ${corporateId}.`)
    const dan = await declare(w, token, corporateId, { info: person('Dan', 'Dust') })
    await expectError(await w.call('POST', SHARES, { token, body: { corporateRelatedId: dan, percentage: 0.0001 } }), 400, 'TOTAL_SHARES_PERCENTAGE_IS_OVER_100',
      'The shares of this entity would cause its owned corporate to exceed 100% of shares (100.0001%).', { field: 'percentage', rejectedValue: '0.0001' })

    // Holding (33.33%) is owned 75.0075% by Eve (final 25.0000) and 24.9925% by Fay (final 8.33).
    const eve = await declare(w, token, corporateId, { info: person('Eve', 'Exact'), sharesInfo: [{ percentage: 75.0075, ownedCorporateId: holding }] })
    const fay = await declare(w, token, corporateId, { info: person('Fay', 'Few'), sharesInfo: [{ percentage: 24.9925, ownedCorporateId: holding }] })
    const isUbo = async (id: string) => (await getRelated(w, token, corporateId, id)).position.isUbo as boolean
    expect((await getRelated(w, token, corporateId, eve)).totalSharesPercentage).toBe(25)
    expect([await isUbo(a), await isUbo(eve), await isUbo(fay)]).toEqual([true, true, false])
    const eveShare = (await getRelated(w, token, corporateId, eve)).shares[0].id as string
    expect((await w.call('PATCH', `${SHARES}/${eveShare}`, { token, body: { percentage: 75.0072 } })).status).toBe(200)
    expect(await getRelated(w, token, corporateId, eve)).toMatchObject({ totalSharesPercentage: 24.9999, position: { isUbo: false } })
    w.store.sqlite.prepare('UPDATE corporates SET is_extended_ubos = 1 WHERE id = ?').run(corporateId)
    expect([await isUbo(eve), await isUbo(fay)]).toEqual([true, false])
    expect(((await (await w.call('GET', `/api/partner/corporates/${corporateId}`, { token })).json()) as { complianceInfo: unknown }).complianceInfo).toMatchObject({ isExtendedUbos: true, maxUbosLayer: 2 })
  })
})

describe('extended UBOs (partner setting extendedUbos)', () => {
  it('a partner with extended UBOs creates corporates whose holders of 10% are UBOs', async () => {
    const w = makeWorld()
    const { token } = await partnerWith(w, 'extended', { extendedUbos: true })
    const { corporateId } = await createCorporate(w, {}, token)
    const ten = await declare(w, token, corporateId, { info: person('Tina', 'Ten'), sharesInfo: [{ percentage: 10 }] })
    const nine = await declare(w, token, corporateId, { info: person('Nina', 'Nine'), sharesInfo: [{ percentage: 9.9999 }] })
    expect((await getRelated(w, token, corporateId, ten)).position.isUbo).toBe(true)
    expect((await getRelated(w, token, corporateId, nine)).position.isUbo).toBe(false)
    const info = (await (await w.call('GET', `/api/partner/corporates/${corporateId}`, { token })).json()) as { complianceInfo: unknown }
    expect(info.complianceInfo).toMatchObject({ isExtendedUbos: true })
    // The default partner keeps LinkCy's 25% threshold.
    const partner = await w.partnerToken()
    const plain = await createCorporate(w, {}, partner)
    const holder = await declare(w, partner, plain.corporateId, { info: person('Paul', 'Plain'), sharesInfo: [{ percentage: 10 }] })
    expect((await getRelated(w, partner, plain.corporateId, holder)).position.isUbo).toBe(false)
  })
})
