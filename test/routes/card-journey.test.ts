import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { CARDS, cardRow, postCard } from '../helpers/cards'
import { expectError } from '../helpers/errors'
import { advanceClock, BY_PASS, createdId, fetchResource, fetchTransaction, listTransactionsPage } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { declineOf, expectLedgerAgrees, SIMULATE, simAuthorize } from '../helpers/card-payments'

// The card journeys of issue 5's "Done when", through the API only: a physical card from creation
// to a successful payment, and a daily-spend rule declining the one payment that crosses it. The
// ledger's balances agree with its transaction list at every step.

const CARD = '/api/partner/cards/{cardId}'
const PASSWORD = 'Consumer-Password-1'

/** A scenario consumer who may bank, with an ACTIVE SCA device and a ledger holding `balance` euros; a partner token. */
async function world(balance: number): Promise<{ w: TestWorld; token: string; janeId: string; ledgerId: string; profileId: string }> {
  const w = makeWorld()
  const res = await w.call('POST', '/_sim/scenarios', {
    body: {
      partners: [{
        name: 'sandbox',
        settings: { accessTokenTtlSeconds: 365 * 24 * 3600 },
        consumers: [{
          ref: 'jane', firstName: 'Jane', lastName: 'Doe', phone: { countryCode: '33', number: '612340001' }, password: PASSWORD, phoneVerified: true,
          kycStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED', complianceStatus: 'VALIDATED',
          scaDevice: { factors: ['BIOMETRY', 'PIN'] },
          ledgers: [{ ref: 'jane-main', friendlyName: 'Main', balance }],
        }],
      }],
    },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  const loaded = (await res.json()) as { partners: { sandbox: { consumers: Record<string, string>; ledgers: Record<string, string> } } }
  const token = await w.partnerToken()
  // A profile on the catalogue's physical consumer Mastercard for French EUR ledgers.
  const designs = await w.call('GET', '/api/partner/card-designs?pageSize=100', { token })
  expect(designs.status).toBe(200)
  const design = ((await designs.json()) as { content: Record<string, any>[] }).content
    .find((d) => d.cardType === 'PHYSICAL' && d.userType === 'CONSUMER' && d.ledgerType === 'EUR_FRANCE' && d.scheme === 'MASTERCARD')!
  const profileId = await createdId(await w.call('POST', '/api/partner/card-profiles', { token, body: { name: 'Classic', cardDesignId: design.id } }), '/api/partner/card-profiles')
  return { w, token, janeId: loaded.partners.sandbox.consumers.jane!, ledgerId: loaded.partners.sandbox.ledgers['jane-main']!, profileId }
}

/** A physical card created with BY_PASS, then awaiting activation and activated with the sandbox truncated PAN. */
async function activeCard(w: TestWorld, token: string, ledgerId: string, profileId: string, rules: unknown[] = []): Promise<string> {
  const cardId = await createdId(await postCard(w, token, { ledgerId, profileId, deliveryMethod: 'FRENCH_MAIL', rules }), CARDS)
  await advanceClock(w, 60)
  const pan = await w.call('GET', `/api/partner/cards/${cardId}/pan`, { token })
  expect(pan.status).toBe(200)
  expect((await w.call('POST', `/api/partner/cards/${cardId}/activate`, { token, body: { truncatedPan: await pan.json() } })).status).toBe(204)
  await advanceClock(w, 60)
  return cardId
}

describe('a physical card from creation to a successful payment', () => {
  it('created, awaiting activation, activated with the last four digits, PIN read after SCA, authorization reserves, clearing settles', async () => {
    const { w, token, ledgerId, profileId } = await world(200)
    expect(await expectLedgerAgrees(w, token, ledgerId)).toEqual({ available: 20_000, reserved: 0, total: 20_000 })

    // Created (SCA bypassed, as LinkCy's sandbox allows): CREATING, and no payment yet.
    const create = await postCard(w, token, { ledgerId, profileId, deliveryMethod: 'FRENCH_MAIL', friendlyName: 'Daily card' })
    const cardId = await createdId(create, '/api/partner/cards')
    expect((await fetchResource(w, token, CARD, cardId)).status.value).toBe('CREATING')
    expect((await w.call('POST', SIMULATE, { token, body: { cardId, amount: 10 } })).status).toBe(200)
    expect(await expectLedgerAgrees(w, token, ledgerId)).toEqual({ available: 20_000, reserved: 0, total: 20_000 })

    // Awaiting activation once made; the truncated PAN stays hidden until activation.
    await advanceClock(w, 60)
    const awaiting = await fetchResource(w, token, CARD, cardId)
    expect(awaiting).toMatchObject({ type: 'PHYSICAL', status: { value: 'AWAITING_ACTIVATION' } })
    expect(awaiting.truncatedPan).toBeUndefined()
    expect(declineOf((await listTransactionsPage(w, token, `cardId=${cardId}`)).content[0]!)).toBe('CARD_NOT_ACTIVE')

    // Activated with the PAN's last four digits (read through the sandbox endpoint); wrong ones are refused.
    const panRes = await w.call('GET', `/api/partner/cards/${cardId}/pan`, { token })
    expect(panRes.status).toBe(200)
    const lastFour = (await panRes.json()) as string
    expect(referenceErrors('GET', '/api/partner/cards/{cardId}/pan', 200, lastFour)).toEqual([])
    expect(lastFour).toBe(cardRow(w, cardId).pan.slice(-4))
    const wrong = lastFour === '0000' ? '1111' : '0000'
    await expectError(await w.call('POST', `/api/partner/cards/${cardId}/activate`, { token, body: { truncatedPan: wrong } }), 400, 'INVALID_PAN', 'The given pan does not correspond to the card truncated PAN.', { field: 'truncatedPan' })
    expect((await w.call('POST', `/api/partner/cards/${cardId}/activate`, { token, body: { truncatedPan: lastFour } })).status).toBe(204)
    await advanceClock(w, 60)
    expect(await fetchResource(w, token, CARD, cardId)).toMatchObject({ status: { value: 'ACTIVE' }, truncatedPan: lastFour, pinStatus: 'UNLOCKED' })

    // The PIN, after an approved SCA challenge: 202, approval on the simulated phone, replay with Linkcy-SCA-Id.
    const challenge = await w.call('GET', `/api/partner/cards/${cardId}/pin`, { token })
    expect(challenge.status, await challenge.clone().text()).toBe(202)
    const { scaId } = (await challenge.json()) as { scaId: string }
    expect((await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`)).status).toBe(200)
    const pinRes = await w.call('GET', `/api/partner/cards/${cardId}/pin`, { token, headers: { 'Linkcy-SCA-Id': scaId } })
    expect(pinRes.status, await pinRes.clone().text()).toBe(200)
    const { pin } = (await pinRes.json()) as { pin: string }
    expect(pin).toMatch(/^\d{4}$/)

    // A chip-and-PIN authorization with that PIN reserves the amount.
    const authorization = await simAuthorize(w, cardId, { amount: 42.1, pin, merchantName: 'Grocery', merchantCity: 'Paris', merchantCategoryCode: '5411' })
    expect(authorization).toMatchObject({ type: 'CARD_AUTHORIZATION', status: 'APPROVED', amount: 42.1, cardDetails: { truncatedPan: lastFour, inputMethod: 'EMV_CONTACT' }, sender: { cardId, cardFriendlyName: 'Daily card' } })
    expect(await expectLedgerAgrees(w, token, ledgerId)).toEqual({ available: 15_790, reserved: 4_210, total: 20_000 })

    // The clearing settles it.
    await advanceClock(w, 24 * 3600)
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: authorization.id } })).status).toBe(200)
    expect(await expectLedgerAgrees(w, token, ledgerId)).toEqual({ available: 15_790, reserved: 0, total: 15_790 })
    const [clearing, released] = (await listTransactionsPage(w, token, `cardId=${cardId}`)).content
    expect(clearing).toMatchObject({ type: 'CARD_CLEARING', status: 'APPROVED', amount: 42.1, information: { originalTransaction: { id: authorization.id } } })
    expect(released).toMatchObject({ id: authorization.id, status: 'RELEASED', information: { clearingTransaction: { id: clearing!.id } } })
    await fetchTransaction(w, token, clearing!.id)
    // Nothing else happens to the ledger once the release delay has passed.
    await advanceClock(w, 8 * 24 * 3600)
    expect(await expectLedgerAgrees(w, token, ledgerId)).toEqual({ available: 15_790, reserved: 0, total: 15_790 })
  })
})

describe('a daily-spend rule', () => {
  it('declines the payment that crosses it, and no other; the next day pays again', async () => {
    const { w, token, ledgerId, profileId } = await world(1000)
    const cardId = await activeCard(w, token, ledgerId, profileId)
    const put = await w.call('PUT', `/api/partner/cards/${cardId}/rules`, { token, headers: BY_PASS, body: { type: 'DAILY_MAX_SPEND', value: 100, name: 'Daily cap' } })
    expect(put.status, await put.clone().text()).toBe(204)
    expect((await fetchResource(w, token, CARD, cardId)).rules).toEqual([expect.objectContaining({ type: 'DAILY_MAX_SPEND', value: 100 })])

    const pay = async (amount: number) => {
      const res = await w.call('POST', SIMULATE, { token, body: { cardId, amount, merchantName: 'Shop' } })
      expect(res.status).toBe(200)
      return (await listTransactionsPage(w, token, `cardId=${cardId}&pageSize=1`)).content[0]!
    }
    // 40 + 35 + 25 = 100: all within the cap; 0.01 more crosses it.
    const statuses: [number, string | undefined][] = []
    for (const amount of [40, 35, 25, 0.01]) statuses.push([amount, declineOf(await pay(amount))])
    expect(statuses).toEqual([[40, undefined], [35, undefined], [25, undefined], [0.01, 'EXCEEDS_WITHDRAWAL_LIMIT']])
    expect(await expectLedgerAgrees(w, token, ledgerId)).toEqual({ available: 90_000, reserved: 10_000, total: 100_000 })

    // A released authorization gives its room back; a clearing below the authorization too.
    const page = (await listTransactionsPage(w, token, `cardId=${cardId}&status=APPROVED`)).content
    const forty = page.find((t) => t.amount === 40)!
    const thirtyFive = page.find((t) => t.amount === 35)!
    expect((await w.call('POST', `/_sim/cards/authorizations/${forty.id}/release`)).status).toBe(200)
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: thirtyFive.id, amount: 30 } })).status).toBe(200)
    expect(declineOf(await pay(45.01))).toBe('EXCEEDS_WITHDRAWAL_LIMIT')
    expect(declineOf(await pay(45))).toBeUndefined()
    expect(declineOf(await pay(1))).toBe('EXCEEDS_WITHDRAWAL_LIMIT')

    // The next day (UTC) the window starts again.
    const now = new Date(w.store.clock.nowMs())
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)
    await advanceClock(w, Math.ceil((midnight - w.store.clock.nowMs()) / 1000))
    expect(declineOf(await pay(100))).toBeUndefined()
    expect(declineOf(await pay(0.01))).toBe('EXCEEDS_WITHDRAWAL_LIMIT')
    const all = (await listTransactionsPage(w, token, `cardId=${cardId}&transactionTypes=CARD_AUTHORIZATION&status=DECLINED`)).content
    expect(all.map((t) => t.amount).sort()).toEqual([0.01, 0.01, 1, 45.01].sort())
    expect(await expectLedgerAgrees(w, token, ledgerId)).toEqual({ available: 80_000, reserved: 17_000, total: 97_000 })
  })
})
