import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { eq } from 'drizzle-orm'
import { issueTokens } from '../../src/state/auth'
import { credentials } from '../../src/state/db/schema'
import { getPartner } from '../../src/state/partners'
import { tx } from '../../src/state/store'
import { expectError } from '../helpers/errors'
import { CARDS, cardNotFound, insertCard } from '../helpers/cards'
import { BY_PASS, insertBankingConsumer, insertLedger } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { cardRulesOf } from '../../src/state/card-rules'

// SCA on the card rule operations, and the profile's default rules reaching only the cards created
// after they were set.

const FAIL = { 'Linkcy-SCA-Strategy': 'FAIL' }
const scaRequired = (strategy: string) => `The operation you are trying to do requires SCA, current strategy ${strategy}.`
const rulesOf = (w: TestWorld, cardId: string) => cardRulesOf(w.store, cardId).map((r) => [r.type, r.creator, r.value])

/** An access token of a scenario consumer, issued directly (its login would itself need SCA). */
function holderTokenOf(w: TestWorld, id: string): string {
  const credential = w.store.db.select().from(credentials).where(eq(credentials.principalId, id)).get()!
  return tx(w.store, () => issueTokens(w.store, getPartner(w.store, credential.partnerId), credential)).token
}

/** A validated consumer with an ACTIVE SCA device (scenario), a ledger and a card. */
async function scaCard(w: TestWorld, ref = 'sca') {
  const res = await w.call('POST', '/_sim/scenarios', {
    body: { partners: [{ name: 'sandbox', consumers: [{ ref, password: 'Consumer-Password-1', kycStatus: 'VALIDATED', phoneVerified: true, scaDevice: { factors: ['BIOMETRY'] } }] }] },
  })
  expect(res.status).toBe(201)
  const id = ((await res.json()) as { partners: Record<string, { consumers: Record<string, string> }> }).partners.sandbox!.consumers[ref]!
  const ledger = insertLedger(w, { consumerId: id })
  return { id, card: insertCard(w, { ledgerId: ledger.id }) }
}

describe('SCA on PUT and DELETE /api/partner/cards/{cardId}/rules', () => {
  it('PUT waits for the holder’s approval (202), runs once approved or on BY_PASS, refuses on FAIL (409 SCA_REQUIRED)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { card } = await scaCard(w)
    const path = `${CARDS}/${card.id}/rules`
    const body = { type: 'DAILY_MAX_SPEND', value: 200 }

    await expectError(await w.call('PUT', path, { token, body, headers: FAIL }), 409, 'SCA_REQUIRED', scaRequired('FAIL'))
    const waiting = await w.call('PUT', path, { token, body })
    expect(waiting.status).toBe(202)
    const challenge = (await waiting.json()) as { scaId: string }
    expect(referenceErrors('PUT', '/api/partner/cards/{cardId}/rules', 202, challenge)).toEqual([])
    expect(rulesOf(w, card.id)).toEqual([])

    expect((await w.call('POST', `/_sim/sca/interactions/${challenge.scaId}/approve`)).status).toBe(200)
    expect((await w.call('PUT', path, { token, body, headers: { 'Linkcy-SCA-Id': challenge.scaId } })).status).toBe(204)
    expect(rulesOf(w, card.id)).toEqual([['DAILY_MAX_SPEND', 'PARTNER', 200]])

    expect((await w.call('PUT', path, { token, body: { type: 'DAILY_MAX_SPEND', value: 90 }, headers: BY_PASS })).status).toBe(204)
    expect(rulesOf(w, card.id)).toEqual([['DAILY_MAX_SPEND', 'PARTNER', 90]])
  })

  it('DELETE waits for approval (202) with a partner or an end-user token, runs on BY_PASS, refuses on FAIL', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { id, card } = await scaCard(w)
    const path = `${CARDS}/${card.id}/rules/WEEKLY_MAX_SPEND`
    await w.call('PUT', `${CARDS}/${card.id}/rules`, { token, body: { type: 'WEEKLY_MAX_SPEND', value: 500 }, headers: BY_PASS })

    await expectError(await w.call('DELETE', path, { token, headers: FAIL }), 409, 'SCA_REQUIRED', scaRequired('FAIL'))
    const waiting = await w.call('DELETE', path, { token })
    expect(waiting.status).toBe(202)
    expect(referenceErrors('DELETE', '/api/partner/cards/{cardId}/rules/{ruleType}', 202, await waiting.json())).toEqual([])
    const holderToken = holderTokenOf(w, id)
    expect((await w.call('DELETE', path, { token: holderToken })).status).toBe(202)
    expect(rulesOf(w, card.id)).toEqual([['WEEKLY_MAX_SPEND', 'PARTNER', 500]])

    expect((await w.call('DELETE', path, { token, headers: BY_PASS })).status).toBe(204)
    expect(rulesOf(w, card.id)).toEqual([])
  })

  it('another end-user’s card needs no SCA from the caller: 404 CARD_NOT_FOUND straight away', async () => {
    const w = makeWorld()
    const { card } = await scaCard(w)
    const other = await scaCard(w, 'other')
    const token = holderTokenOf(w, other.id)
    await expectError(await w.call('PUT', `${CARDS}/${card.id}/rules`, { token, body: { type: 'DAILY_MAX_SPEND', value: 5 } }), 404, 'CARD_NOT_FOUND', cardNotFound(card.id))
    await expectError(await w.call('DELETE', `${CARDS}/${card.id}/rules/DAILY_MAX_SPEND`, { token }), 404, 'CARD_NOT_FOUND', cardNotFound(card.id))
    // Its own card is challenged.
    expect((await w.call('PUT', `${CARDS}/${other.card.id}/rules`, { token, body: { type: 'DAILY_MAX_SPEND', value: 5 } })).status).toBe(202)
  })
})

describe('default profile rules reach only the cards created afterwards', () => {
  const FR_CONSUMER_VIRTUAL = '9adbffb3-7b06-4a60-ae08-2a4b48f73c4a'

  async function newCard(w: TestWorld, token: string, consumerId: string, profileId: string, rules?: unknown[]): Promise<string> {
    const ledger = insertLedger(w, { consumerId })
    const res = await w.call('POST', CARDS, { token, body: { ledgerId: ledger.id, profileId, ...(rules ? { rules } : {}) }, headers: BY_PASS })
    expect(res.status, await res.clone().text()).toBe(201)
    return ((await res.json()) as { id: string }).id
  }

  it('copies the profile’s rules at creation; later profile changes leave earlier cards as they were', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const created = await w.call('POST', '/api/partner/card-profiles', { token, body: { name: 'Virtual', cardDesignId: FR_CONSUMER_VIRTUAL } })
    const profileId = ((await created.json()) as { id: string }).id
    const putProfileRule = (body: Record<string, unknown>) => w.call('PUT', `/api/partner/card-profiles/${profileId}/rules`, { token, body })

    const bare = await newCard(w, token, jane.id, profileId)
    expect((await putProfileRule({ type: 'DAILY_MAX_SPEND', value: 100 })).status).toBe(204)
    const first = await newCard(w, token, jane.id, profileId)
    expect((await putProfileRule({ type: 'DAILY_MAX_SPEND', value: 50 })).status).toBe(204)
    expect((await putProfileRule({ type: 'WEEKLY_MAX_SPEND', value: 300, name: 'Weekly' })).status).toBe(204)
    const second = await newCard(w, token, jane.id, profileId)
    // A partner's rule given at creation takes priority over the profile's of the same type.
    const third = await newCard(w, token, jane.id, profileId, [{ type: 'DAILY_MAX_SPEND', value: 70 }])
    expect((await w.call('DELETE', `/api/partner/card-profiles/${profileId}/rules/DAILY_MAX_SPEND`, { token })).status).toBe(204)
    const fourth = await newCard(w, token, jane.id, profileId)

    expect(rulesOf(w, bare)).toEqual([])
    expect(rulesOf(w, first)).toEqual([['DAILY_MAX_SPEND', 'PARTNER', 100]])
    expect(rulesOf(w, second)).toEqual([['DAILY_MAX_SPEND', 'PARTNER', 50], ['WEEKLY_MAX_SPEND', 'PARTNER', 300]])
    expect(rulesOf(w, third)).toEqual([['DAILY_MAX_SPEND', 'PARTNER', 70], ['WEEKLY_MAX_SPEND', 'PARTNER', 300]])
    expect(rulesOf(w, fourth)).toEqual([['WEEKLY_MAX_SPEND', 'PARTNER', 300]])
    const shown = (await (await w.call('GET', `${CARDS}/${second}`, { token })).json()) as Record<string, any>
    expect(shown.rules).toEqual([
      { type: 'DAILY_MAX_SPEND', value: 50, creator: 'PARTNER' },
      { type: 'WEEKLY_MAX_SPEND', name: 'Weekly', value: 300, creator: 'PARTNER' },
    ])
  })
})
