import { describe, expect, it } from 'vitest'
import { OTHER, makeWorld, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import {
  balancesCents, fetchTransaction, insertBankingConsumer, insertLedger, postInterLedger, standingMessage, type StandingCode,
} from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// POST /api/partner/transactions/inter-ledger: an immediate transfer between two ledgers of the
// partner's end-users, and every documented refusal.

const PATH = '/api/partner/transactions/inter-ledger'

async function setUp(w: TestWorld, consumer: Parameters<typeof insertBankingConsumer>[1] = {}, ledger: Record<string, unknown> = {}) {
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w, consumer)
  const bob = insertBankingConsumer(w, { firstName: 'Bob', lastName: 'Martin' })
  const from = insertLedger(w, { consumerId: alice.id, available: 100, ...ledger })
  const to = insertLedger(w, { consumerId: bob.id })
  return { token, alice, bob, from, to }
}

describe('POST /transactions/inter-ledger', () => {
  it('moves the money at once: 201 {id}, an APPROVED INTER_LEDGER / MONEY_TRANSFER seen by both end-users', async () => {
    const w = makeWorld()
    const { token, alice, bob, from, to } = await setUp(w)
    const res = await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 99.99, reference: "Bob's share" })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string }
    expect(referenceErrors('POST', PATH, 201, body)).toEqual([])
    expect(balancesCents(w, from.id)).toEqual({ available: 1, reserved: 0, total: 1 })
    expect(balancesCents(w, to.id)).toEqual({ available: 9999, reserved: 0, total: 9999 })
    for (const who of [alice, bob]) {
      const tx = await fetchTransaction(w, await consumerToken(w, who), body.id)
      expect(tx).toEqual({
        id: body.id, type: 'INTER_LEDGER', paymentType: 'MONEY_TRANSFER', status: 'APPROVED', creationDate: '2026-01-15T10:00:00.000Z',
        amount: 99.99, currency: 'EUR',
        information: { originalAmount: 99.99, originalCurrency: 'EUR', conversionRate: '1', clearingDate: '2026-01-15T10:00:00.000Z', reference: "Bob's share" },
        sender: { name: 'Jane Doe', ledgerId: from.id, endUserId: alice.id },
        receiver: { name: 'Bob Martin', ledgerId: to.id, endUserId: bob.id },
      })
    }
  })

  it('an end-user pays another end-user of its partner; ledgers need no IBAN; a suspended receiver still receives', async () => {
    const w = makeWorld()
    const { alice, from, to } = await setUp(w, {}, { isUpgraded: false, iban: null })
    w.store.sqlite.prepare("UPDATE ledgers SET status = 'SUSPENDED' WHERE id = ?").run(to.id)
    const res = await postInterLedger(w, await consumerToken(w, alice), { ledgerFromId: from.id, ledgerToId: to.id, amount: 10 })
    expect(res.status).toBe(201)
    expect(balancesCents(w, to.id).total).toBe(1000)
  })

  it('LEDGER_NOT_FOUND (400) on ledgerFromId, then ledgerToId (another partner\'s ledger is not found)', async () => {
    const w = makeWorld()
    const { token, from, to, bob } = await setUp(w)
    const msg = (id: string) => `Ledger with id ${id} was not found.`
    await expectError(await postInterLedger(w, token, { ledgerFromId: MISSING_ID, ledgerToId: MISSING_ID, amount: 1 }), 400, 'LEDGER_NOT_FOUND', msg(MISSING_ID), { field: 'ledgerFromId', rejectedValue: MISSING_ID })
    await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: MISSING_ID, amount: 1 }), 400, 'LEDGER_NOT_FOUND', msg(MISSING_ID), { field: 'ledgerToId', rejectedValue: MISSING_ID })
    const olga = insertBankingConsumer(w, { partner: OTHER.partnerName })
    const foreign = insertLedger(w, { consumerId: olga.id, available: 100 })
    await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: foreign.id, amount: 1 }), 400, 'LEDGER_NOT_FOUND', msg(foreign.id), { field: 'ledgerToId' })
    await expectError(await postInterLedger(w, token, { ledgerFromId: foreign.id, ledgerToId: to.id, amount: 1 }), 400, 'LEDGER_NOT_FOUND', msg(foreign.id), { field: 'ledgerFromId' })
    // An end-user cannot send from another end-user's ledger.
    await expectError(await postInterLedger(w, await consumerToken(w, bob), { ledgerFromId: from.id, ledgerToId: to.id, amount: 1 }), 400, 'LEDGER_NOT_FOUND', msg(from.id), { field: 'ledgerFromId' })
    expect(balancesCents(w, foreign.id).total).toBe(10000)
  })

  it('INTER_LEDGER_TRANSACTION_MUST_BE_TWO_DIFFERENT_LEDGERS', async () => {
    const w = makeWorld()
    const { token, from } = await setUp(w)
    await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: from.id.toUpperCase(), amount: 1 }), 409, 'INTER_LEDGER_TRANSACTION_MUST_BE_TWO_DIFFERENT_LEDGERS', 'Inter ledger transaction must be done between two different ledgers.')
  })

  it('refuses a sender who may not bank, with the documented 409s in the reference order', async () => {
    const w = makeWorld()
    const cases: [Record<string, unknown>, StandingCode][] = [
      [{ kycStatus: 'REFUSED', linkcyStatus: 'PENDING' }, 'CONSUMER_KYC_MUST_BE_VALIDATED'],
      [{ linkcyStatus: 'PENDING' }, 'LINKCY_STATUS_MUST_BE_VALIDATED'],
      [{ suspensionStatus: 'SUSPENDED' }, 'END_USER_MUST_NOT_BE_SUSPENDED'],
      [{ bankingStatus: 'NOT_CREATED' }, 'BANKING_STATUS_MUST_BE_VALIDATED'],
      [{ lastTermsAccepted: '0.9' }, 'TERMS_AND_CONDITIONS_NOT_ACCEPTED'],
    ]
    for (const [consumer, code] of cases) {
      const { token, alice, from, to } = await setUp(w, consumer, { status: 'SUSPENDED' })
      await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 1 }), 409, code, standingMessage(code, alice))
    }
  })

  it('LEDGER_MUST_BE_ACTIVE: a pending, suspended or closed sender, or a receiver still PENDING', async () => {
    const w = makeWorld()
    for (const status of ['PENDING', 'SUSPENDED', 'CLOSED', 'FAILED']) {
      const { token, from, to } = await setUp(w, {}, { status })
      await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 1 }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    }
    const { token, from, to } = await setUp(w)
    w.store.sqlite.prepare("UPDATE ledgers SET status = 'PENDING' WHERE id = ?").run(to.id)
    await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 1 }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
  })

  it('a ledger whose holder is gone moves no money: 400 LEDGER_NOT_FOUND as sender or receiver, sandbox credits too', async () => {
    const w = makeWorld()
    const { token, from, to } = await setUp(w)
    const orphan = (id: string) => w.store.sqlite.prepare('UPDATE ledgers SET end_user_id = ? WHERE id = ?').run(MISSING_ID, id)
    orphan(from.id)
    await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 5 }), 400, 'LEDGER_NOT_FOUND',
      `Ledger with id ${from.id} was not found.`, { field: 'ledgerFromId', rejectedValue: from.id })
    await expectError(await postInterLedger(w, token, { ledgerFromId: to.id, ledgerToId: from.id, amount: 0.01 }), 400, 'LEDGER_NOT_FOUND',
      `Ledger with id ${from.id} was not found.`, { field: 'ledgerToId', rejectedValue: from.id })
    await expectError(await w.call('POST', '/api/partner/ledgers/credit', { token, body: { ledgerId: from.id, amount: 5 } }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${from.id} was not found.`)
    await expectError(await w.call('POST', '/api/partner/transactions/simulate', { token, body: { ledgerId: from.id, amount: 5 } }), 400, 'LEDGER_NOT_FOUND',
      `Ledger with id ${from.id} was not found.`, { field: 'ledgerId' })
    // An incoming SCT from outside is declined (booked, nothing credited).
    const incoming = await w.call('POST', `/_sim/ledgers/${from.id}/incoming-transfer`, { body: { amount: 5, debtorName: 'Mum', debtorIban: 'FR7630006000011234567890189' } })
    expect(await incoming.json()).toMatchObject({ status: 'DECLINED', information: { declineReason: 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED' } })
    expect(balancesCents(w, from.id).total).toBe(10000)
    expect(balancesCents(w, to.id).total).toBe(0)
  })

  it('LEDGER_MUST_BE_PROVISIONED: nothing moves, nothing is booked', async () => {
    const w = makeWorld()
    const { token, from, to } = await setUp(w)
    await expectError(await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 100.01 }), 409, 'LEDGER_MUST_BE_PROVISIONED', 'Ledger must be provisioned to perform this operation.')
    expect(balancesCents(w, from.id).total).toBe(10000)
    expect((w.store.sqlite.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n).toBe(0)
    expect((await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 100 })).status).toBe(201)
    expect(balancesCents(w, from.id).total).toBe(0)
  })

  it('a receiver in another currency books it DECLINED (TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT), nothing moves', async () => {
    const w = makeWorld()
    const { token, bob, from } = await setUp(w)
    const gbp = insertLedger(w, { consumerId: bob.id, type: 'GBP_GREAT_BRITAIN' })
    const res = await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: gbp.id, amount: 5 })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const got = (await (await w.call('GET', `/api/partner/transactions/${id}`, { token })).json()) as Record<string, any>
    expect(got).toMatchObject({ status: 'DECLINED', information: { declineReason: 'TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT' } })
    expect(balancesCents(w, from.id).total).toBe(10000)
    expect(balancesCents(w, gbp.id).total).toBe(0)
  })

  it('validates the body (400 before anything else)', async () => {
    const w = makeWorld()
    const { token, from, to } = await setUp(w)
    const res = await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 0.001 })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { details: unknown[] }).details).toEqual([{ field: 'amount', rejectedValue: '0.001', message: 'numeric value out of bounds (<13 digits>.<2 digits> expected)' }])
    for (const amount of [1e-9, 0.100000001, 90071992547409.91]) {
      const tiny = await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount })
      expect(tiny.status, String(amount)).toBe(400)
      expect(((await tiny.json()) as { details: unknown[] }).details).toEqual([{ field: 'amount', rejectedValue: String(amount), message: 'numeric value out of bounds (<13 digits>.<2 digits> expected)' }])
    }
    expect(balancesCents(w, from.id).total).toBe(10000)
    const missing = await postInterLedger(w, token, { ledgerFromId: from.id, amount: 1 })
    expect(((await missing.json()) as { details: unknown[] }).details).toEqual([{ field: 'ledgerToId', rejectedValue: 'null', message: 'must not be null' }])
  })
})
