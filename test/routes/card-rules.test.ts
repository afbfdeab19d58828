import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { CARDS, cardNotFound, insertCard } from '../helpers/cards'
import { BY_PASS, insertBankingConsumer, insertLedger, insufficientRights } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { cardRulesOf, evaluateCardRules } from '../../src/state/card-rules'

const RULES_REF = '/api/partner/cards/{cardId}/rules'
const DELETE_REF = '/api/partner/cards/{cardId}/rules/{ruleType}'

/** A banking consumer with a ledger and an ACTIVE card on it; partner and end-user tokens. */
async function cardWorld(w: TestWorld) {
  const token = await w.partnerToken()
  const jane = insertBankingConsumer(w)
  const ledger = insertLedger(w, { consumerId: jane.id, available: 1000 })
  const card = insertCard(w, { ledgerId: ledger.id })
  return { token, jane, ledger, card, janeToken: await consumerToken(w, jane) }
}

const putRule = (w: TestWorld, token: string, cardId: string, body: Record<string, unknown>, headers: Record<string, string> = BY_PASS) =>
  w.call('PUT', `${CARDS}/${cardId}/rules`, { token, body, headers })
const deleteRule = (w: TestWorld, token: string, cardId: string, type: string, headers: Record<string, string> = BY_PASS) =>
  w.call('DELETE', `${CARDS}/${cardId}/rules/${type}`, { token, headers })

/** The card's rules as GET /cards/{cardId} shows them. */
async function shownRules(w: TestWorld, token: string, cardId: string): Promise<unknown[]> {
  const res = await w.call('GET', `${CARDS}/${cardId}`, { token })
  expect(res.status, await res.clone().text()).toBe(200)
  const body = (await res.json()) as Record<string, any>
  expect(referenceErrors('GET', '/api/partner/cards/{cardId}', 200, body)).toEqual([])
  return body.rules as unknown[]
}

describe('PUT /api/partner/cards/{cardId}/rules', () => {
  it('sets a partner rule (204) shown on the card with its creator; the same type again replaces it', async () => {
    const w = makeWorld()
    const { token, card } = await cardWorld(w)
    const res = await putRule(w, token, card.id, { type: 'DAILY_MAX_SPEND', value: 150, name: 'Daily cap' })
    expect(res.status, await res.clone().text()).toBe(204)
    expect(await res.text()).toBe('')
    expect(await shownRules(w, token, card.id)).toEqual([{ type: 'DAILY_MAX_SPEND', name: 'Daily cap', value: 150, creator: 'PARTNER' }])

    expect((await putRule(w, token, card.id, { type: 'DAILY_MAX_SPEND', value: 120 })).status).toBe(204)
    expect((await putRule(w, token, card.id, { type: 'MONTHLY_MAX_SPEND', value: 999_999_999 })).status).toBe(204)
    expect(await shownRules(w, token, card.id)).toEqual([
      { type: 'DAILY_MAX_SPEND', value: 120, creator: 'PARTNER' },
      { type: 'MONTHLY_MAX_SPEND', value: 999_999_999, creator: 'PARTNER' },
    ])
  })

  it('the end-user sets its own rule; the more restrictive of the partner’s and the end-user’s applies', async () => {
    const w = makeWorld()
    const { token, janeToken, card } = await cardWorld(w)
    expect((await putRule(w, token, card.id, { type: 'DAILY_MAX_SPEND', value: 100 })).status).toBe(204)
    // An end-user cannot loosen the partner's limit: its 500 sits beside the partner's 100.
    expect((await putRule(w, janeToken, card.id, { type: 'DAILY_MAX_SPEND', value: 500 })).status).toBe(204)
    expect(await shownRules(w, janeToken, card.id)).toEqual([
      { type: 'DAILY_MAX_SPEND', value: 500, creator: 'END_USER' },
      { type: 'DAILY_MAX_SPEND', value: 100, creator: 'PARTNER' },
    ])
    const at = w.store.clock.nowMs()
    expect(evaluateCardRules(w.store, card, 100_01, at)).toEqual({ allowed: false, ruleType: 'DAILY_MAX_SPEND', declineReason: 'EXCEEDS_WITHDRAWAL_LIMIT' })
    expect(evaluateCardRules(w.store, card, 100_00, at)).toEqual({ allowed: true })
    // ...but can tighten it.
    expect((await putRule(w, janeToken, card.id, { type: 'DAILY_MAX_SPEND', value: 40 })).status).toBe(204)
    expect(evaluateCardRules(w.store, card, 40_01, at)).toMatchObject({ allowed: false })
    expect(evaluateCardRules(w.store, card, 40_00, at)).toEqual({ allowed: true })
    // A partner raising its own limit does not lift the end-user's.
    expect((await putRule(w, token, card.id, { type: 'DAILY_MAX_SPEND', value: 1000 })).status).toBe(204)
    expect(evaluateCardRules(w.store, card, 40_01, at)).toMatchObject({ allowed: false })
  })

  it('creatorType: a partner may set the end-user’s rule; nobody may set LINKCY’s; an end-user not the partner’s (403)', async () => {
    const w = makeWorld()
    const { token, janeToken, card } = await cardWorld(w)
    expect((await putRule(w, token, card.id, { type: 'WEEKLY_MAX_SPEND', value: 300, creatorType: 'END_USER' })).status).toBe(204)
    expect(cardRulesOf(w.store, card.id).map((r) => [r.type, r.creator, r.value])).toEqual([['WEEKLY_MAX_SPEND', 'END_USER', 300]])
    await expectError(await putRule(w, token, card.id, { type: 'WEEKLY_MAX_SPEND', value: 1, creatorType: 'LINKCY' }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('PARTNER'))
    await expectError(await putRule(w, janeToken, card.id, { type: 'WEEKLY_MAX_SPEND', value: 1, creatorType: 'PARTNER' }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    expect((await putRule(w, janeToken, card.id, { type: 'WEEKLY_MAX_SPEND', value: 250, creatorType: 'END_USER' })).status).toBe(204)
    expect(cardRulesOf(w.store, card.id).map((r) => [r.type, r.creator, r.value])).toEqual([['WEEKLY_MAX_SPEND', 'END_USER', 250]])
  })

  it('the newer per-type path PUT .../rules/{ruleType} sets the same rule', async () => {
    const w = makeWorld()
    const { token, card } = await cardWorld(w)
    const res = await w.call('PUT', `${CARDS}/${card.id}/rules/MONTHLY_MAX_SPEND`, { token, body: { value: 800, name: 'Monthly' }, headers: BY_PASS })
    expect(res.status).toBe(204)
    expect(await shownRules(w, token, card.id)).toEqual([{ type: 'MONTHLY_MAX_SPEND', name: 'Monthly', value: 800, creator: 'PARTNER' }])
  })

  it('answers 404 CARD_NOT_FOUND for an unknown card, another partner’s, or (end-user token) another end-user’s', async () => {
    const w = makeWorld()
    const { token, card } = await cardWorld(w)
    const john = insertBankingConsumer(w)
    const johnToken = await consumerToken(w, john)
    const otherToken = await w.partnerToken(OTHER)
    for (const [who, id] of [[token, MISSING_ID], [otherToken, card.id], [johnToken, card.id]] as const) {
      const put = await expectError(await putRule(w, who, id, { type: 'DAILY_MAX_SPEND', value: 10 }), 404, 'CARD_NOT_FOUND', cardNotFound(id))
      expect(referenceErrors('PUT', RULES_REF, 404, put)).toEqual([])
      const del = await expectError(await deleteRule(w, who, id, 'DAILY_MAX_SPEND'), 404, 'CARD_NOT_FOUND', cardNotFound(id))
      expect(referenceErrors('DELETE', DELETE_REF, 404, del)).toEqual([])
    }
    expect(cardRulesOf(w.store, card.id)).toEqual([])
  })

  it('validates the body and the path (400) before anything else', async () => {
    const w = makeWorld()
    const { token, card } = await cardWorld(w)
    for (const body of [
      { type: 'DAILY_MAX_SPEND', value: 0 }, { type: 'DAILY_MAX_SPEND', value: 1_000_000_000 }, { type: 'DAILY_MAX_SPEND', value: 1.5 },
      { type: 'LIFETIME_MAX_SPEND', value: 5 }, { value: 5 }, { type: 'DAILY_MAX_SPEND' }, { type: 'DAILY_MAX_SPEND', value: 5, creatorType: 'BANK' },
    ]) {
      const res = await putRule(w, token, card.id, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(referenceErrors('PUT', RULES_REF, 400, await res.json())).toEqual([])
    }
    expect((await putRule(w, token, 'not-a-uuid', { type: 'DAILY_MAX_SPEND', value: 5 })).status).toBe(400)
    expect((await deleteRule(w, token, card.id, 'DAILY_MAX_COUNT')).status).toBe(400)
    expect((await deleteRule(w, token, 'nope', 'DAILY_MAX_SPEND')).status).toBe(400)
    expect((await w.call('PUT', `${CARDS}/${card.id}/rules`, { body: { type: 'DAILY_MAX_SPEND', value: 5 } })).status).toBe(401)
    expect(cardRulesOf(w.store, card.id)).toEqual([])
  })
})

describe('DELETE /api/partner/cards/{cardId}/rules/{ruleType}', () => {
  it('an end-user removes only its own rule; removing the partner’s is 403; the partner removes both; LinkCy’s stays', async () => {
    const w = makeWorld()
    const { token, janeToken, card, ledger } = await cardWorld(w)
    await putRule(w, token, card.id, { type: 'DAILY_MAX_SPEND', value: 100 })
    await putRule(w, janeToken, card.id, { type: 'DAILY_MAX_SPEND', value: 50 })
    await putRule(w, token, card.id, { type: 'MONTHLY_MAX_SPEND', value: 900 })

    expect((await deleteRule(w, janeToken, card.id, 'DAILY_MAX_SPEND')).status).toBe(204)
    expect(cardRulesOf(w.store, card.id).map((r) => [r.type, r.creator])).toEqual([['DAILY_MAX_SPEND', 'PARTNER'], ['MONTHLY_MAX_SPEND', 'PARTNER']])
    await expectError(await deleteRule(w, janeToken, card.id, 'DAILY_MAX_SPEND'), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    expect((await deleteRule(w, janeToken, card.id, 'WEEKLY_MAX_SPEND')).status).toBe(204) // nothing to remove

    await putRule(w, janeToken, card.id, { type: 'MONTHLY_MAX_SPEND', value: 500 })
    expect((await deleteRule(w, token, card.id, 'MONTHLY_MAX_SPEND')).status).toBe(204)
    expect(cardRulesOf(w.store, card.id).map((r) => [r.type, r.creator])).toEqual([['DAILY_MAX_SPEND', 'PARTNER']])

    // A suspended ledger's cards carry LinkCy's 0 limit; neither the partner nor the end-user can remove it.
    expect((await w.call('POST', `/api/partner/ledgers/${ledger.id}/suspensions`, { token, body: { operator: 'PARTNER', reason: 'Fraud check' } })).status).toBe(204)
    expect(await shownRules(w, token, card.id)).toContainEqual({ type: 'DAILY_MAX_SPEND', name: 'LEDGER_SUSPENSION', value: 0, creator: 'LINKCY' })
    expect((await deleteRule(w, token, card.id, 'DAILY_MAX_SPEND')).status).toBe(204)
    expect(cardRulesOf(w.store, card.id).map((r) => [r.type, r.creator, r.value])).toEqual([['DAILY_MAX_SPEND', 'LINKCY', 0]])
    expect(evaluateCardRules(w.store, card, 1, w.store.clock.nowMs())).toMatchObject({ allowed: false, ruleType: 'DAILY_MAX_SPEND' })
    expect((await w.call('DELETE', `/api/partner/ledgers/${ledger.id}/suspensions/PARTNER`, { token })).status).toBe(204)
    expect(cardRulesOf(w.store, card.id)).toEqual([])
    expect(evaluateCardRules(w.store, card, 1, w.store.clock.nowMs())).toEqual({ allowed: true })
  })

  it('an end-user suspension blocks the end-user’s cards the same way, and its end unblocks them', async () => {
    const w = makeWorld()
    const { token, jane, card } = await cardWorld(w)
    expect((await w.call('POST', `/api/partner/end-users/${jane.id}/suspensions`, { token, body: { operator: 'PARTNER', reason: 'Checks' } })).status).toBe(204)
    expect(cardRulesOf(w.store, card.id).map((r) => [r.creator, r.value, r.name])).toEqual([['LINKCY', 0, 'END_USER_SUSPENSION']])
    expect((await w.call('DELETE', `/api/partner/end-users/${jane.id}/suspensions/PARTNER`, { token })).status).toBe(204)
    expect(cardRulesOf(w.store, card.id)).toEqual([])
  })
})
