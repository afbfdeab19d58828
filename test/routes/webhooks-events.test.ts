import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { BY_PASS, createdId, EXTERNAL_SEPA } from '../helpers/money'
import { postCard } from '../helpers/cards'
import { advance, delivered, deliveryLog, hookReceiver, ok, subscribeReceiver, type HookReceiver } from '../helpers/webhooks'
import { WEBHOOK_EVENT_TYPES } from '../../src/state/webhook-events'

// The event catalogue as a partner's endpoint sees it: every request is verified with svix at the
// simulator's now; each state change is one event, delivered once, in order, after the request.

/** The types delivered since the last call (flushing first), each verified. */
function stepper(w: TestWorld, rx: HookReceiver) {
  let seen = 0
  return async () => {
    await delivered(w, rx)
    const types = rx.types().slice(seen)
    seen = rx.received.length
    return types
  }
}

const IDENTITY = { firstName: 'Jeanne', lastName: 'Martin', address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue Oberkampf', number: '12' } }

describe('the event catalogue along a consumer journey', () => {
  it('consumer → phone → KYC → ledger → credit → beneficiary → transfer → card create / activate / suspend / close: each event once, in order', async () => {
    const w = makeWorld()
    await ok(w, 201, 'POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', settings: { sctSettlementSeconds: 10 } }] } })
    const rx = await hookReceiver(w)
    await subscribeReceiver(w, rx)
    const token = await w.partnerToken()
    const next = stepper(w, rx)

    const consumerId = (await ok(w, 201, 'POST', '/api/partner/consumers', { token, body: { phone: { countryCode: '33', number: '611111111' }, firstName: 'Jeanne', lastTermsAccepted: '1.0' } })).id
    expect(await next()).toEqual(['CONSUMER_CREATED'])
    expect(rx.events()[0]!.data).toEqual({ id: consumerId, kycStatus: 'NOT_STARTED', linkcyStatus: 'PENDING', suspensionStatus: 'NOT_SUSPENDED' })

    await ok(w, 200, 'POST', '/api/partner/verifications/phone/send', { token, body: { consumerId } })
    expect(await next()).toEqual([])
    await ok(w, 204, 'POST', '/api/partner/verifications/phone/verify', { token, body: { consumerId, code: '123456' } })
    expect(await next()).toEqual(['CONSUMER_UPDATED'])

    const { kycApplicationId } = await ok(w, 201, 'POST', '/api/partner/kyc/simulate', { token, body: { consumerId, kycStatus: 'VALIDATED', ...IDENTITY } })
    expect(await next()).toEqual(['CONSUMER_KYC_VALIDATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: consumerId, kycId: kycApplicationId, kycStatus: 'VALIDATED' })

    const ledgerId = await createdId(await w.call('POST', '/api/partner/ledgers', { token, body: { endUserId: consumerId, type: 'EUR_FRANCE', autoUpgrade: true } }), '/api/partner/ledgers')
    expect(await next()).toEqual(['LEDGER_CREATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: ledgerId, endUserId: consumerId, type: 'EUR_FRANCE', status: 'PENDING' })
    await advance(w, 2) // LEDGER_ACTIVATION job
    expect(await next()).toEqual(['LEDGER_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: ledgerId, status: 'ACTIVE' })

    await ok(w, 200, 'POST', '/api/partner/ledgers/credit', { token, body: { ledgerId, amount: 100 } })
    expect(await next()).toEqual(['TRANSACTION_CREATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ status: 'APPROVED', receiverLedgerId: ledgerId, receiverEndUserId: consumerId })

    const beneficiaryId = await createdId(await w.call('POST', '/api/partner/beneficiaries', { token, headers: BY_PASS, body: { type: 'PERSON', name: 'John Payee', endUserId: consumerId, bankingDetails: EXTERNAL_SEPA } }), '/api/partner/beneficiaries')
    expect(await next()).toEqual(['BENEFICIARY_CREATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: beneficiaryId, endUserId: consumerId, status: 'VALID', active: true })

    const transferId = await createdId(await w.call('POST', '/api/partner/transactions', { token, headers: BY_PASS, body: { amount: 25, ledgerFromId: ledgerId, beneficiaryId, reference: 'Rent' } }), '/api/partner/transactions')
    expect(await next()).toEqual(['TRANSACTION_CREATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: transferId, type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_SEND', status: 'PENDING', senderLedgerId: ledgerId, senderEndUserId: consumerId })
    await advance(w, 10) // SEPA_SETTLEMENT job
    expect(await next()).toEqual(['TRANSACTION_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: transferId, status: 'APPROVED' })

    const designs = (await ok(w, 200, 'GET', '/api/partner/card-designs?pageSize=100', { token })).content as Record<string, any>[]
    const design = designs.find((d) => d.cardType === 'PHYSICAL' && d.userType === 'CONSUMER' && d.ledgerType === 'EUR_FRANCE' && d.scheme === 'MASTERCARD')!
    const profileId = await createdId(await w.call('POST', '/api/partner/card-profiles', { token, body: { name: 'Classic', cardDesignId: design.id } }), '/api/partner/card-profiles')
    const cardId = await createdId(await postCard(w, token, { ledgerId, profileId, deliveryMethod: 'FRENCH_MAIL' }), '/api/partner/cards')
    expect(await next()).toEqual(['CARD_CREATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: cardId, endUserId: consumerId, ledgerId, type: 'PHYSICAL', status: 'CREATING' })
    await advance(w, 3) // CARD_CREATION job
    expect(await next()).toEqual(['CARD_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: cardId, status: 'AWAITING_ACTIVATION' })

    const lastFour = await ok(w, 200, 'GET', `/api/partner/cards/${cardId}/pan`, { token })
    await ok(w, 204, 'POST', `/api/partner/cards/${cardId}/activate`, { token, body: { truncatedPan: lastFour } })
    expect(await next()).toEqual([]) // ACTIVATING is transient
    await advance(w, 1)
    // The first activation verifies the holder's address (a consumer change), then the card is ACTIVE.
    expect(await next()).toEqual(['CONSUMER_UPDATED', 'CARD_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: cardId, status: 'ACTIVE' })

    await ok(w, 204, 'POST', `/api/partner/cards/${cardId}/suspend`, { token, body: { operator: 'PARTNER', reason: 'LOST' } })
    await advance(w, 1)
    expect(await next()).toEqual(['CARD_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: cardId, status: 'SUSPENDED' })

    await ok(w, 204, 'POST', `/api/partner/cards/${cardId}/close`, { token, body: { operator: 'PARTNER', reason: 'STOLEN' } })
    await advance(w, 1)
    expect(await next()).toEqual(['CARD_CLOSED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: cardId, status: 'CLOSED' })

    // Every delivery was made once and succeeded; the log agrees with what the receiver got, in order.
    const log = (await deliveryLog(w, '?partnerName=sandbox')).reverse()
    expect(log.map((d) => d.eventType)).toEqual(rx.types())
    expect(log.every((d) => d.status === 'DELIVERED' && d.attempts.length === 1)).toBe(true)
    expect(new Set(rx.events().map((e) => e.id)).size).toBe(rx.received.length)
    for (const e of rx.events()) expect(WEBHOOK_EVENT_TYPES).toContain(e.type)
  })
})

/** A world whose sandbox partner has Jane (password, KYC validated, a ledger with 50 € and one with a card) and Kim (phone verified, no KYC). */
async function seeded() {
  const w = makeWorld()
  const loaded = await ok(w, 201, 'POST', '/_sim/scenarios', {
    body: {
      partners: [{
        name: 'sandbox',
        settings: { beneficiaryInitialStatus: 'PENDING', mandatesForConsumers: true, mandateProcessingSeconds: 2 },
        consumers: [
          {
            ref: 'jane', firstName: 'Jane', lastName: 'Doe', phone: { countryCode: '33', number: '612340001' }, password: 'Consumer-Password-1', phoneVerified: true,
            kycStatus: 'VALIDATED', ledgers: [{ ref: 'main', balance: 50 }, { ref: 'spare', balance: 0, cards: [{ ref: 'spare-card', type: 'VIRTUAL' }] }],
          },
          { ref: 'kim', phoneVerified: true },
        ],
      }],
    },
  })
  const ids = loaded.partners.sandbox as { consumers: Record<string, string>; ledgers: Record<string, string>; cards: Record<string, string> }
  return { w, ids, token: await w.partnerToken() }
}

describe('the other state changes', () => {
  it('loading a scenario emits nothing; logins, PATCH, suspensions, KYC steps, beneficiaries, ledgers and mandates each emit one event', async () => {
    const { w, ids, token } = await seeded()
    const rx = await hookReceiver(w)
    await subscribeReceiver(w, rx)
    const next = stepper(w, rx)
    const jane = ids.consumers.jane!
    const kim = ids.consumers.kim!
    // Loading a scenario on top of a world with endpoints is its past, not news.
    await ok(w, 201, 'POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', consumers: [{ ref: 'late', kycStatus: 'VALIDATED', ledgers: [{ balance: 10 }] }] }] } })
    expect(await next()).toEqual([])

    await ok(w, 200, 'POST', '/api/partner/login', { body: { partnerName: 'sandbox', consumerPhone: '33612340001', password: 'Consumer-Password-1' } })
    expect(await next()).toEqual(['CONSUMER_LOGGED_IN'])
    expect(rx.events().at(-1)!.data).toEqual({ id: jane })
    expect((await w.call('POST', '/api/partner/login', { body: { partnerName: 'sandbox', consumerPhone: '33612340001', password: 'wrong' } })).status).toBe(401)
    await w.partnerToken() // partner logins are not events
    expect(await next()).toEqual([])

    await ok(w, 200, 'PATCH', `/api/partner/consumers/${jane}`, { token, body: { externalId: 'crm-1' } })
    expect(await next()).toEqual(['CONSUMER_UPDATED'])
    await ok(w, 204, 'POST', `/api/partner/end-users/${jane}/suspensions`, { token, body: { operator: 'PARTNER', reason: 'fraud check' } })
    expect(await next()).toEqual(['CONSUMER_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: jane, suspensionStatus: 'SUSPENDED' })
    await ok(w, 204, 'DELETE', `/api/partner/end-users/${jane}/suspensions/PARTNER`, { token })
    expect(await next()).toEqual(['CONSUMER_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: jane, suspensionStatus: 'NOT_SUSPENDED' })

    // KYC: opened (CREATED), then any other status (UPDATED), then VALIDATED.
    const kyc = await ok(w, 201, 'POST', '/api/partner/kyc', { token, body: { consumerId: kim, kycConfiguration: { accessType: 'LINK' } } })
    expect(await next()).toEqual(['CONSUMER_KYC_CREATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: kim, kycId: kyc.id, kycStatus: 'CREATED' })
    await ok(w, 201, 'POST', '/api/partner/kyc/simulate', { token, body: { consumerId: kim, kycStatus: 'PENDING_REVIEW' } })
    expect(await next()).toEqual(['CONSUMER_KYC_UPDATED'])
    await ok(w, 201, 'POST', '/api/partner/kyc/simulate', { token, body: { consumerId: kim, kycStatus: 'VALIDATED' } })
    expect(await next()).toEqual(['CONSUMER_KYC_VALIDATED'])

    // Beneficiaries: created PENDING; screening bypassed (VALID); deactivated; a display change is no status change.
    const beneficiaryId = await createdId(await w.call('POST', '/api/partner/beneficiaries', { token, headers: BY_PASS, body: { type: 'PERSON', name: 'John Payee', endUserId: jane, bankingDetails: EXTERNAL_SEPA } }), '/api/partner/beneficiaries')
    expect(await next()).toEqual(['BENEFICIARY_CREATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: beneficiaryId, endUserId: jane, status: 'PENDING', active: true })
    await ok(w, 200, 'PATCH', `/api/partner/beneficiaries/${beneficiaryId}/status`, { token })
    expect(await next()).toEqual(['BENEFICIARY_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ status: 'VALID' })
    await ok(w, 200, 'PATCH', `/api/partner/beneficiaries/${beneficiaryId}`, { token, headers: BY_PASS, body: { display: false } })
    expect(await next()).toEqual([])
    await ok(w, 200, 'PATCH', `/api/partner/beneficiaries/${beneficiaryId}`, { token, headers: BY_PASS, body: { active: false } })
    expect(await next()).toEqual(['BENEFICIARY_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ active: false })

    // Ledgers: suspension and its lifting; closing, closed (by the LEDGER_CLOSURE job) and the card closed with it.
    const main = ids.ledgers.main!
    await ok(w, 204, 'POST', `/api/partner/ledgers/${main}/suspensions`, { token, body: { operator: 'PARTNER', reason: 'check' } })
    expect(await next()).toEqual(['LEDGER_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: main, status: 'SUSPENDED' })
    await ok(w, 204, 'DELETE', `/api/partner/ledgers/${main}/suspensions/PARTNER`, { token })
    expect(await next()).toEqual(['LEDGER_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: main, status: 'ACTIVE' })
    const spare = ids.ledgers.spare!
    await ok(w, 204, 'POST', `/api/partner/ledgers/${spare}/close`, { token, body: { operator: 'PARTNER', reason: 'not used' } })
    expect(await next()).toEqual(['LEDGER_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: spare, status: 'CLOSING' })
    await advance(w, 2)
    expect(await next()).toEqual(['LEDGER_UPDATED', 'CARD_CLOSED'])
    expect(rx.events().at(-2)!.data).toMatchObject({ id: spare, status: 'CLOSED' })
    expect(rx.events().at(-1)!.data).toMatchObject({ id: ids.cards['spare-card'], ledgerId: spare, status: 'CLOSED' })

    // Mandates: created, ACTIVATING, then ACTIVATED by LinkCy's answer (MANDATE_PROCESSING job).
    const mandateId = await createdId(await w.call('POST', '/api/partner/mandates', { token, headers: BY_PASS, body: { endUserId: jane, debtor: { type: 'PERSON', name: 'John Debtor', bankingDetails: EXTERNAL_SEPA } } }), '/api/partner/mandates')
    expect(await next()).toEqual(['MANDATE_CREATED'])
    expect(rx.events().at(-1)!.data).toEqual({ id: mandateId, endUserId: jane, status: 'AWAITING_ACTIVATION' })
    await ok(w, 200, 'POST', `/api/partner/mandates/${mandateId}/activate`, { token, headers: BY_PASS })
    expect(await next()).toEqual(['MANDATE_UPDATED'])
    await advance(w, 2)
    expect(await next()).toEqual(['MANDATE_UPDATED'])
    expect(rx.events().at(-1)!.data).toMatchObject({ id: mandateId, status: 'ACTIVATED' })
  })
})
