import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { CARDS, cardNotFound, cardRow, cardSetup, fetchCard, insertCard, postCard, setCardSettings } from '../helpers/cards'
import { consumerRow, consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import { createdId, insertBankingConsumer, insertLedger, insufficientRights, standingMessage } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// Activation with the PAN's last four digits, suspension and reactivation, closure, expiry on the
// clock, ledger closure, and GET / PATCH / list of cards with their isolation.

const post = (w: TestWorld, token: string, id: string, action: string, body: unknown = {}) => w.call('POST', `${CARDS}/${id}/${action}`, { token, body })

describe('POST /api/partner/cards/{cardId}/activate', () => {
  it('first activation of a physical card with its last four digits: ACTIVATING, then ACTIVE after 1 s; truncatedPan shows; the address is VERIFIED', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const id = await createdId(await postCard(w, s.token, { ledgerId: s.ledger.id, profileId: s.physical.id, deliveryMethod: 'FRENCH_MAIL' }), CARDS)
    const last4 = cardRow(w, id).panLast4
    await expectError(await post(w, s.token, id, 'activate', { truncatedPan: last4 }), 409, 'CARD_MUST_BE_SUSPENDED_OR_AWAITING_ACTIVATION',
      `Card with id ${id} must be suspended or awaiting activation in order to be activated. Current card status is CREATING.`)
    w.store.clock.advance(3000)
    const wrong = last4 === '0000' ? '1111' : '0000'
    const body = await expectBusiness400(await post(w, s.token, id, 'activate', { truncatedPan: wrong }), 'INVALID_PAN', 'truncatedPan', 'The given pan does not correspond to the card truncated PAN.')
    expect(body.details).toEqual([{ field: 'truncatedPan', rejectedValue: wrong, message: 'The given pan does not correspond to the card truncated PAN.' }])
    expect(referenceErrors('POST', `${CARDS}/{cardId}/activate`, 400, body)).toEqual([])
    await expectBusiness400(await post(w, s.token, id, 'activate', {}), 'INVALID_PAN', 'truncatedPan', 'The given pan does not correspond to the card truncated PAN.')
    const malformed = await post(w, s.token, id, 'activate', { truncatedPan: '12345' })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ details: [{ field: 'truncatedPan' }] })

    const ok = await post(w, s.token, id, 'activate', { truncatedPan: last4 })
    expect(ok.status).toBe(204)
    expect((await fetchCard(w, s.token, id)).status).toEqual({ value: 'ACTIVATING' })
    w.store.clock.advance(1000)
    const active = await fetchCard(w, s.token, id)
    expect(active).toMatchObject({ status: { value: 'ACTIVE' }, truncatedPan: last4 })
    expect(consumerRow(w, s.consumer.id).profile.address?.status).toBe('VERIFIED')
    await expectError(await post(w, s.token, id, 'activate', { truncatedPan: last4 }), 409, 'CARD_MUST_BE_SUSPENDED_OR_AWAITING_ACTIVATION',
      `Card with id ${id} must be suspended or awaiting activation in order to be activated. Current card status is ACTIVE.`)
  })

  it('409s of a reactivation: an end-user cannot lift the partner\'s suspension, wrong digits, the holder\'s standing', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    setCardSettings(w, s.partnerId, { cardStatusChangeSeconds: 0 })
    const card = insertCard(w, { ledgerId: s.ledger.id, status: 'SUSPENDED', statusOperator: 'PARTNER', statusReason: 'LOST' })
    const endUser = await consumerToken(w, s.consumer)
    const rights = await expectError(await post(w, endUser, card.id, 'activate'), 409, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    expect(referenceErrors('POST', `${CARDS}/{cardId}/activate`, 409, rights)).toEqual([])
    const wrong = card.panLast4 === '0000' ? '1111' : '0000'
    await expectError(await post(w, s.token, card.id, 'activate', { truncatedPan: wrong }), 409, 'INVALID_PAN', 'The given pan does not correspond to the card truncated PAN.')
    for (const [code, columns] of [
      ['END_USER_MUST_NOT_BE_SUSPENDED', { suspensionStatus: 'SUSPENDED' }], ['LINKCY_STATUS_MUST_BE_VALIDATED', { linkcyStatus: 'PENDING' }],
      ['BANKING_STATUS_MUST_BE_VALIDATED', { bankingStatus: 'NOT_CREATED' }],
    ] as const) {
      const holder = insertBankingConsumer(w, columns)
      const held = insertCard(w, { ledgerId: insertLedger(w, { consumerId: holder.id }).id, status: 'SUSPENDED', statusOperator: 'PARTNER' })
      await expectError(await post(w, s.token, held.id, 'activate'), 409, code, standingMessage(code, holder))
      expect(cardRow(w, held.id).status).toBe('SUSPENDED')
    }
    expect((await post(w, s.token, card.id, 'activate', {})).status).toBe(204)
    expect(await fetchCard(w, s.token, card.id)).toMatchObject({ status: { value: 'ACTIVE' } })
  })

  it('404 CARD_NOT_FOUND for an unknown card, another partner\'s or another end-user\'s; a non-uuid id is a 400', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id, status: 'AWAITING_ACTIVATION' })
    const stranger = await consumerToken(w, insertBankingConsumer(w))
    const other = await w.partnerToken({ partnerName: 'other-sandbox', username: 'partner@other.test', password: 'Other-Password-1' })
    for (const [token, id] of [[s.token, MISSING_ID], [stranger, card.id], [other, card.id]] as const) {
      const body = await expectError(await post(w, token, id, 'activate', { truncatedPan: card.panLast4 }), 404, 'CARD_NOT_FOUND', cardNotFound(id))
      expect(referenceErrors('POST', `${CARDS}/{cardId}/activate`, 404, body)).toEqual([])
    }
    expect((await post(w, s.token, 'not-a-uuid', 'activate')).status).toBe(400)
    expect(cardRow(w, card.id).status).toBe('AWAITING_ACTIVATION')
  })
})

describe('POST /api/partner/cards/{cardId}/suspend and /close', () => {
  it('suspend: SUSPENDING then SUSPENDED with reason, description and operator; an end-user may lift its own suspension', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id })
    const endUser = await consumerToken(w, s.consumer)
    const other = await post(w, endUser, card.id, 'suspend', { operator: 'END_USER', reason: 'OTHER', otherReason: '  ' })
    const body = await expectBusiness400(other, 'OTHER_STATUS_REASON_MUST_HAVE_A_DESCRIPTION', 'otherReason', "The chosen closure reason is 'OTHER' but no description was specified.")
    expect(referenceErrors('POST', `${CARDS}/{cardId}/suspend`, 400, body)).toEqual([])
    // An end-user token is recorded as END_USER whatever operator it names.
    expect((await post(w, endUser, card.id, 'suspend', { operator: 'PARTNER', reason: 'OTHER', otherReason: 'left it at the gym' })).status).toBe(204)
    expect((await fetchCard(w, s.token, card.id)).status).toEqual({ value: 'SUSPENDING', reason: 'OTHER', otherReason: 'left it at the gym', operator: 'END_USER' })
    w.store.clock.advance(1000)
    expect((await fetchCard(w, endUser, card.id)).status).toEqual({ value: 'SUSPENDED', reason: 'OTHER', otherReason: 'left it at the gym', operator: 'END_USER' })
    const again = await expectError(await post(w, s.token, card.id, 'suspend', { operator: 'PARTNER' }), 409, 'CARD_MUST_BE_ACTIVE',
      `Card with id ${card.id} must be active in order to perform this operation. Current card status is SUSPENDED.`)
    expect(referenceErrors('POST', `${CARDS}/{cardId}/suspend`, 409, again)).toEqual([])
    expect((await post(w, endUser, card.id, 'activate', {})).status).toBe(204)
    expect((await fetchCard(w, s.token, card.id)).status).toEqual({ value: 'REACTIVATING' })
    w.store.clock.advance(1000)
    expect((await fetchCard(w, s.token, card.id)).status).toEqual({ value: 'ACTIVE' })
    await expectError(await post(w, s.token, MISSING_ID, 'suspend', { operator: 'PARTNER' }), 404, 'CARD_NOT_FOUND', cardNotFound(MISSING_ID))
    expect((await post(w, s.token, card.id, 'suspend', { operator: 'ROBOT' })).status).toBe(400)
  })

  it('close is irreversible: CLOSING then CLOSED; closing again changes nothing; the reason is required', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id, status: 'SUSPENDED', statusOperator: 'END_USER' })
    const missing = await post(w, s.token, card.id, 'close', { operator: 'PARTNER' })
    expect(missing.status).toBe(400)
    expect(referenceErrors('POST', `${CARDS}/{cardId}/close`, 400, await missing.json())).toEqual([])
    await expectBusiness400(await post(w, s.token, card.id, 'close', { operator: 'PARTNER', reason: 'OTHER' }), 'OTHER_STATUS_REASON_MUST_HAVE_A_DESCRIPTION', 'otherReason',
      "The chosen closure reason is 'OTHER' but no description was specified.")
    expect((await post(w, s.token, card.id, 'close', { operator: 'PARTNER', reason: 'STOLEN' })).status).toBe(204)
    w.store.clock.advance(1000)
    expect((await fetchCard(w, s.token, card.id)).status).toEqual({ value: 'CLOSED', reason: 'STOLEN', operator: 'PARTNER' })
    expect((await post(w, s.token, card.id, 'close', { operator: 'PARTNER', reason: 'LOST' })).status).toBe(204)
    expect(cardRow(w, card.id).statusReason).toBe('STOLEN')
    await expectError(await post(w, s.token, card.id, 'activate', {}), 409, 'CARD_MUST_BE_SUSPENDED_OR_AWAITING_ACTIVATION',
      `Card with id ${card.id} must be suspended or awaiting activation in order to be activated. Current card status is CLOSED.`)
    const body = await expectError(await post(w, s.token, MISSING_ID, 'close', { operator: 'PARTNER', reason: 'LOST' }), 404, 'CARD_NOT_FOUND', cardNotFound(MISSING_ID))
    expect(referenceErrors('POST', `${CARDS}/{cardId}/close`, 404, body)).toEqual([])
  })

  it('a card being created can be closed: its creation never completes', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    setCardSettings(w, s.partnerId, { cardStatusChangeSeconds: 0 })
    const id = await createdId(await postCard(w, s.token, { ledgerId: s.ledger.id, profileId: s.virtual.id }), CARDS)
    expect((await post(w, s.token, id, 'close', { operator: 'PARTNER', reason: 'DAMAGED' })).status).toBe(204)
    w.store.clock.advance(5000)
    expect((await fetchCard(w, s.token, id)).status).toEqual({ value: 'CLOSED', reason: 'DAMAGED', operator: 'PARTNER' })
  })
})

describe('expiry and ledger closure', () => {
  it('a card expires at the end of its expiry month (EXPIRED on the clock)', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    setCardSettings(w, s.partnerId, { cardValidityYears: 1 })
    const id = await createdId(await postCard(w, s.token, { ledgerId: s.ledger.id, profileId: s.virtual.id }), CARDS)
    w.store.clock.advance(3000)
    expect(await fetchCard(w, s.token, id)).toMatchObject({ expiryDate: '2027-01', status: { value: 'ACTIVE' } })
    w.store.clock.advance(Date.parse('2027-02-01T00:00:00Z') - w.store.clock.nowMs() - 1)
    const token = await w.partnerToken()
    expect((await fetchCard(w, token, id)).status).toEqual({ value: 'ACTIVE' })
    w.store.clock.advance(1)
    expect((await fetchCard(w, token, id)).status).toEqual({ value: 'EXPIRED' })
    await expectError(await post(w, token, id, 'suspend', { operator: 'PARTNER' }), 409, 'CARD_MUST_BE_ACTIVE',
      `Card with id ${id} must be active in order to perform this operation. Current card status is EXPIRED.`)
  })

  it('closing a ledger closes its live cards with reason LEDGER_CLOSED by LINKCY', async () => {
    const w = makeWorld()
    const s = await cardSetup(w, 0)
    const live = insertCard(w, { ledgerId: s.ledger.id })
    const suspended = insertCard(w, { ledgerId: s.ledger.id, status: 'SUSPENDED', statusOperator: 'PARTNER' })
    const expired = insertCard(w, { ledgerId: s.ledger.id, status: 'EXPIRED' })
    const elsewhere = insertCard(w, { ledgerId: insertLedger(w, { consumerId: s.consumer.id }).id })
    expect((await w.call('POST', `/api/partner/ledgers/${s.ledger.id}/close`, { token: s.token, body: { operator: 'PARTNER', reason: 'bye' } })).status).toBe(204)
    w.store.clock.advance(2000)
    for (const card of [live, suspended]) expect((await fetchCard(w, s.token, card.id)).status).toEqual({ value: 'CLOSED', reason: 'LEDGER_CLOSED', operator: 'LINKCY' })
    expect(cardRow(w, expired.id).status).toBe('EXPIRED')
    expect(cardRow(w, elsewhere.id).status).toBe('ACTIVE')
  })
})

describe('sandbox consumer deletion', () => {
  it('removes the consumer\'s cards, their rules, credentials and jobs; other cards stay', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const id = await createdId(await postCard(w, s.token, { ledgerId: s.ledger.id, profileId: s.virtual.id, rules: [{ type: 'DAILY_MAX_SPEND', value: 5 }] }), CARDS)
    const other = insertCard(w, { ledgerId: insertLedger(w, { consumerId: insertBankingConsumer(w).id }).id })
    const count = (sql: string) => (w.store.sqlite.prepare(sql).get() as { n: number }).n
    expect(count("SELECT count(*) AS n FROM scheduled_jobs WHERE kind = 'CARD_CREATION'")).toBe(1)
    expect((await w.call('DELETE', `/api/partner/consumers/${s.consumer.id}`, { token: s.token })).status).toBe(200)
    expect(count(`SELECT count(*) AS n FROM cards WHERE id = '${id}'`)).toBe(0)
    expect(count(`SELECT count(*) AS n FROM card_rules WHERE owner_id = '${id}'`)).toBe(0)
    expect(count("SELECT count(*) AS n FROM scheduled_jobs WHERE kind LIKE 'CARD_%'")).toBe(0)
    expect(cardRow(w, other.id).status).toBe('ACTIVE')
  })
})

describe('GET /api/partner/cards, GET and PATCH /cards/{cardId}', () => {
  it('lists with filters and paging; an end-user sees its own cards; a foreign endUserId is 400 CONSUMER_NOT_FOUND', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const a = insertCard(w, { ledgerId: s.ledger.id, profileId: s.physical.id, friendlyName: 'A' })
    w.store.clock.advance(1000)
    const b = insertCard(w, { ledgerId: s.ledger.id, profileId: s.virtual.id, type: 'VIRTUAL', status: 'SUSPENDED' })
    const otherHolder = insertBankingConsumer(w)
    w.store.clock.advance(1000)
    const c = insertCard(w, { ledgerId: insertLedger(w, { consumerId: otherHolder.id }).id, profileId: s.physical.id })
    const list = async (token: string, query = '') => {
      const res = await w.call('GET', `${CARDS}${query}`, { token })
      expect(res.status, await res.clone().text()).toBe(200)
      const body = (await res.json()) as { content: Record<string, any>[]; totalElements: number }
      expect(referenceErrors('GET', CARDS, 200, body)).toEqual([])
      return body
    }
    const all = await list(s.token)
    expect(all.content.map((x) => x.id)).toEqual([c.id, b.id, a.id])
    expect(all.content[2]).toEqual({
      id: a.id, endUserId: s.consumer.id, ledgerId: s.ledger.id, friendlyName: 'A', profile: { id: s.physical.id, name: 'Classic' },
      expiryDate: '2029-01', nameOnCard: 'JANE DOE', type: 'PHYSICAL', status: 'ACTIVE', creationDate: '2026-01-15T10:00:00.000Z',
    })
    expect((await list(s.token, '?sortDirection=ASC&pageSize=2&page=0')).content.map((x) => x.id)).toEqual([a.id, b.id])
    expect(await list(s.token, `?endUserId=${s.consumer.id}&status=SUSPENDED,ACTIVE`)).toMatchObject({ totalElements: 2 })
    expect((await list(s.token, `?status=SUSPENDED`)).content.map((x) => x.id)).toEqual([b.id])
    expect((await list(s.token, `?types=VIRTUAL`)).content.map((x) => x.id)).toEqual([b.id])
    expect((await list(s.token, `?profileId=${s.physical.id}&ledgerId=${s.ledger.id}`)).content.map((x) => x.id)).toEqual([a.id])
    const endUser = await consumerToken(w, s.consumer)
    expect((await list(endUser)).content.map((x) => x.id)).toEqual([b.id, a.id])
    for (const [token, id] of [[s.token, MISSING_ID], [endUser, otherHolder.id]] as const) {
      const res = await w.call('GET', `${CARDS}?endUserId=${id}`, { token })
      const body = await expectBusiness400(res, 'CONSUMER_NOT_FOUND', 'endUserId', `Consumer with id ${id} was not found.`)
      expect(referenceErrors('GET', CARDS, 400, body)).toEqual([])
    }
    expect((await w.call('GET', `${CARDS}?status=LOST`, { token: s.token })).status).toBe(400)
    const other = await w.partnerToken({ partnerName: 'other-sandbox', username: 'partner@other.test', password: 'Other-Password-1' })
    expect(await list(other)).toMatchObject({ totalElements: 0, content: [] })
  })

  it('GET answers 404 CARD_NOT_FOUND to other partners and other end-users; PATCH renames', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id, profileId: s.physical.id })
    const stranger = await consumerToken(w, insertBankingConsumer(w))
    const other = await w.partnerToken({ partnerName: 'other-sandbox', username: 'partner@other.test', password: 'Other-Password-1' })
    for (const token of [stranger, other]) {
      const body = await expectError(await w.call('GET', `${CARDS}/${card.id}`, { token }), 404, 'CARD_NOT_FOUND', cardNotFound(card.id))
      expect(referenceErrors('GET', `${CARDS}/{cardId}`, 404, body)).toEqual([])
      await expectError(await w.call('PATCH', `${CARDS}/${card.id}`, { token, body: { friendlyName: 'x' } }), 404, 'CARD_NOT_FOUND', cardNotFound(card.id))
    }
    expect((await w.call('GET', `${CARDS}/${card.id.toUpperCase()}`, { token: s.token })).status).toBe(200)
    const patched = await w.call('PATCH', `${CARDS}/${card.id}`, { token: await consumerToken(w, s.consumer), body: { friendlyName: 'Groceries' } })
    expect(patched.status).toBe(200)
    const body = await patched.json()
    expect(body).toEqual({ id: card.id })
    expect(referenceErrors('PATCH', `${CARDS}/{cardId}`, 200, body)).toEqual([])
    expect((await fetchCard(w, s.token, card.id)).friendlyName).toBe('Groceries')
    const missing = await expectError(await w.call('PATCH', `${CARDS}/${MISSING_ID}`, { token: s.token, body: {} }), 404, 'CARD_NOT_FOUND', cardNotFound(MISSING_ID))
    expect(referenceErrors('PATCH', `${CARDS}/{cardId}`, 404, missing)).toEqual([])
    const long = await w.call('PATCH', `${CARDS}/${card.id}`, { token: s.token, body: { friendlyName: 'x'.repeat(256) } })
    expect(await long.json()).toMatchObject({ errorCode: 'TOO_LONG_FIELD' })
    expect((await w.call('GET', `${CARDS}/${card.id}`)).status).toBe(401)
  })
})
