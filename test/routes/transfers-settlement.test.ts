import { describe, expect, it } from 'vitest'
import { OTHER, makeWorld, type TestWorld } from '../helpers/app'
import { consumerToken } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import {
  advanceClock, balancesCents, fetchTransaction, insertBankingConsumer, insertBeneficiary, insertLedger, listTransactionsPage, postTransfer,
  setPartnerSettings,
} from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// Routing of transfers to a beneficiary (SCT, SCT Inst, UK fast payment, inter-ledger) and the
// settlement of outgoing payments on the simulator clock.

async function twoConsumers(w: TestWorld, bobPartner = 'sandbox') {
  // Tokens outlive the days the tests make pass.
  for (const partner of ['sandbox', OTHER.partnerName]) setPartnerSettings(w, partner, { accessTokenTtlSeconds: 365 * 24 * 3600 })
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w)
  const bob = insertBankingConsumer(w, { partner: bobPartner, firstName: 'Bob', lastName: 'Martin' })
  const aliceLedger = insertLedger(w, { consumerId: alice.id, available: 100, friendlyName: 'Main' })
  const bobLedger = insertLedger(w, { consumerId: bob.id, available: 10, friendlyName: 'Savings' })
  return { token, alice, bob, aliceLedger, bobLedger }
}

describe('POST /_sim/clock: time only moves forward', () => {
  it('400 for a `now` in the past (a pending transfer stays as it is); the present or the future is accepted', async () => {
    const w = makeWorld()
    const { token, alice, aliceLedger } = await twoConsumers(w)
    const beneficiary = insertBeneficiary(w, { consumerId: alice.id })
    expect((await postTransfer(w, token, { ledgerFromId: aliceLedger.id, beneficiaryId: beneficiary.id, amount: 10 })).status).toBe(201)
    const back = await w.call('POST', '/_sim/clock', { body: { now: '2026-01-14T10:00:00Z' } })
    expect(back.status).toBe(400)
    expect(await back.json()).toMatchObject({
      details: [{ field: 'now', rejectedValue: '2026-01-14T10:00:00Z', message: 'must not be before the simulator\'s current time 2026-01-15T10:00:00.000Z' }],
      error: 'linkcy.bad.request',
    })
    expect(w.store.clock.iso()).toBe('2026-01-15T10:00:00.000Z')
    const same = await w.call('POST', '/_sim/clock', { body: { now: '2026-01-15T11:00:00+01:00' } })
    expect(await same.json()).toEqual({ now: '2026-01-15T10:00:00.000Z', frozen: true })
    const ahead = await w.call('POST', '/_sim/clock', { body: { now: '2026-01-16T10:00:00Z' } })
    expect(await ahead.json()).toEqual({ now: '2026-01-16T10:00:00.000Z', frozen: true })
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 9000, reserved: 0, total: 9000 }) // settled on Friday
  })
})

describe('outgoing SCT settlement on the clock', () => {
  it('an external SCT settles on the next TARGET business day (Thursday → Friday), not before', async () => {
    const w = makeWorld() // Thursday 2026-01-15 10:00 UTC
    const { token, alice, aliceLedger } = await twoConsumers(w)
    const payee = insertBeneficiary(w, { consumerId: alice.id })
    const { id } = (await (await postTransfer(w, token, { amount: 30, ledgerFromId: aliceLedger.id, beneficiaryId: payee.id })).json()) as { id: string }
    await advanceClock(w, 24 * 3600 - 1)
    expect((await fetchTransaction(w, token, id)).status).toBe('PENDING')
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 7000, reserved: 3000, total: 10000 })
    await advanceClock(w, 1)
    const settled = await fetchTransaction(w, token, id)
    expect(settled).toMatchObject({ status: 'APPROVED', paymentType: 'SCT_SEND', information: { clearingDate: '2026-01-16T10:00:00.000Z' } })
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 7000, reserved: 0, total: 7000 })
  })

  it('skips weekends and TARGET holidays: Friday → Monday, Thursday before Good Friday → Tuesday after Easter Monday', async () => {
    const w = makeWorld({ now: '2026-01-16T09:00:00Z' }) // a Friday
    const { token, alice, aliceLedger } = await twoConsumers(w)
    const payee = insertBeneficiary(w, { consumerId: alice.id })
    const first = (await (await postTransfer(w, token, { amount: 1, ledgerFromId: aliceLedger.id, beneficiaryId: payee.id })).json()) as { id: string }
    await advanceClock(w, 3 * 24 * 3600 - 1)
    expect((await fetchTransaction(w, token, first.id)).status).toBe('PENDING')
    await advanceClock(w, 1)
    expect((await fetchTransaction(w, token, first.id)).information.clearingDate).toBe('2026-01-19T09:00:00.000Z')
    // Easter 2026 is April 5: Good Friday April 3, Easter Monday April 6.
    w.store.clock.set(Date.parse('2026-04-02T12:00:00Z'))
    const second = (await (await postTransfer(w, token, { amount: 1, ledgerFromId: aliceLedger.id, beneficiaryId: payee.id })).json()) as { id: string }
    await advanceClock(w, 5 * 24 * 3600)
    expect((await fetchTransaction(w, token, second.id)).information.clearingDate).toBe('2026-04-07T12:00:00.000Z')
  })

  it('follows the partner settings: sctSettlementSeconds, and SCT Inst when enabled and allowed by the request', async () => {
    const w = makeWorld()
    setPartnerSettings(w, 'sandbox', { sctSettlementSeconds: 60, sctInstEnabled: true, sctInstSettlementSeconds: 3 })
    const { token, alice, aliceLedger } = await twoConsumers(w)
    const payee = insertBeneficiary(w, { consumerId: alice.id })
    const inst = (await (await postTransfer(w, token, { amount: 5, ledgerFromId: aliceLedger.id, beneficiaryId: payee.id })).json()) as { id: string }
    const sct = (await (await postTransfer(w, token, { amount: 7, ledgerFromId: aliceLedger.id, beneficiaryId: payee.id, allowFastPayment: false })).json()) as { id: string }
    expect(await fetchTransaction(w, token, inst.id)).toMatchObject({ paymentType: 'SCT_INST_SEND', status: 'PENDING' })
    expect(await fetchTransaction(w, token, sct.id)).toMatchObject({ paymentType: 'SCT_SEND', status: 'PENDING' })
    await advanceClock(w, 3)
    expect((await fetchTransaction(w, token, inst.id)).status).toBe('APPROVED')
    expect((await fetchTransaction(w, token, sct.id)).status).toBe('PENDING')
    await advanceClock(w, 57)
    expect((await fetchTransaction(w, token, sct.id)).status).toBe('APPROVED')
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 8800, reserved: 0, total: 8800 })
  })

  it('sandbox default: EUR transfers go as SCT even when a fast payment is allowed', async () => {
    const w = makeWorld()
    const { token, alice, aliceLedger } = await twoConsumers(w)
    const payee = insertBeneficiary(w, { consumerId: alice.id })
    const { id } = (await (await postTransfer(w, token, { amount: 5, ledgerFromId: aliceLedger.id, beneficiaryId: payee.id, allowFastPayment: true })).json()) as { id: string }
    expect((await fetchTransaction(w, token, id)).paymentType).toBe('SCT_SEND')
  })

  it('/_sim/transactions/{id}/settle settles a pending transfer at once (the job then finds nothing to do)', async () => {
    const w = makeWorld()
    const { token, alice, aliceLedger } = await twoConsumers(w)
    const payee = insertBeneficiary(w, { consumerId: alice.id })
    const { id } = (await (await postTransfer(w, token, { amount: 5, ledgerFromId: aliceLedger.id, beneficiaryId: payee.id })).json()) as { id: string }
    const res = await w.call('POST', `/_sim/transactions/${id}/settle`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id, status: 'APPROVED' })
    await advanceClock(w, 7 * 24 * 3600)
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 9500, reserved: 0, total: 9500 })
    await expectError(await w.call('POST', '/_sim/transactions/00000000-0000-4000-8000-000000000000/settle'), 404, 'TRANSACTION_NOT_FOUND', 'Transaction with id 00000000-0000-4000-8000-000000000000 was not found.')
  })
})

describe('transfers between simulated consumers', () => {
  it('a beneficiary that is one of the partner\'s ledgers is paid inter-ledger at once (allowInterLedger default)', async () => {
    const w = makeWorld()
    const { token, alice, bob, aliceLedger, bobLedger } = await twoConsumers(w)
    const toBob = insertBeneficiary(w, { consumerId: alice.id, name: 'Bob Martin', iban: bobLedger.iban, bicOrSwift: bobLedger.bicOrSwift, ledgerId: bobLedger.id })
    const res = await postTransfer(w, token, { amount: 12.34, ledgerFromId: aliceLedger.id, beneficiaryId: toBob.id, reference: 'Dinner' })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const tx = await fetchTransaction(w, token, id)
    expect(tx).toMatchObject({
      type: 'INTER_LEDGER', paymentType: 'MONEY_TRANSFER', status: 'APPROVED', amount: 12.34,
      information: { reference: 'Dinner', clearingDate: '2026-01-15T10:00:00.000Z' },
      sender: { ledgerId: aliceLedger.id, endUserId: alice.id, name: 'Jane Doe', ledgerFriendlyName: 'Main' },
      receiver: { ledgerId: bobLedger.id, endUserId: bob.id, name: 'Bob Martin', ledgerFriendlyName: 'Savings' },
    })
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 8766, reserved: 0, total: 8766 })
    expect(balancesCents(w, bobLedger.id)).toEqual({ available: 2234, reserved: 0, total: 2234 })
    // Listed once for each side, and for each end-user's own token.
    for (const query of [`ledgerId=${aliceLedger.id}`, `ledgerId=${bobLedger.id}`, `endUserId=${alice.id}`, `endUserId=${bob.id}`]) {
      expect((await listTransactionsPage(w, token, query)).content.map((t) => t.id)).toEqual([id])
    }
    expect((await listTransactionsPage(w, await consumerToken(w, bob))).content.map((t) => t.id)).toEqual([id])
  })

  it('the IBAN alone is enough to recognise a simulated ledger (beneficiary without ledgerId)', async () => {
    const w = makeWorld()
    const { token, alice, aliceLedger, bobLedger } = await twoConsumers(w)
    const toBob = insertBeneficiary(w, { consumerId: alice.id, iban: bobLedger.iban, bicOrSwift: bobLedger.bicOrSwift })
    const { id } = (await (await postTransfer(w, token, { amount: 1, ledgerFromId: aliceLedger.id, beneficiaryId: toBob.id })).json()) as { id: string }
    expect((await fetchTransaction(w, token, id)).type).toBe('INTER_LEDGER')
  })

  it('end-to-end by SEPA (allowInterLedger false): both ledgers and both lists show it, exact to the cent, after the clock advances', async () => {
    const w = makeWorld()
    const { token, alice, bob, aliceLedger, bobLedger } = await twoConsumers(w)
    const toBob = insertBeneficiary(w, { consumerId: alice.id, name: 'Bob Martin', iban: bobLedger.iban, bicOrSwift: bobLedger.bicOrSwift, ledgerId: bobLedger.id })
    const res = await postTransfer(w, token, { amount: 33.33, ledgerFromId: aliceLedger.id, beneficiaryId: toBob.id, allowInterLedger: false, reference: 'Loan' })
    const { id } = (await res.json()) as { id: string }
    expect(await fetchTransaction(w, token, id)).toMatchObject({ type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_SEND', status: 'PENDING' })
    expect(balancesCents(w, bobLedger.id).total).toBe(1000)
    expect((await listTransactionsPage(w, token, `ledgerId=${bobLedger.id}`)).totalElements).toBe(0)

    await advanceClock(w, 24 * 3600)
    expect(await fetchTransaction(w, token, id)).toMatchObject({ status: 'APPROVED', receiver: { beneficiaryId: toBob.id, ledgerId: bobLedger.id, endUserId: bob.id, iban: bobLedger.iban } })
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 6667, reserved: 0, total: 6667 })
    expect(balancesCents(w, bobLedger.id)).toEqual({ available: 4333, reserved: 0, total: 4333 })

    const aliceList = await listTransactionsPage(w, await consumerToken(w, alice))
    expect(aliceList.content).toEqual([expect.objectContaining({ id, amount: 33.33, paymentType: 'SCT_SEND', status: 'APPROVED' })])
    const bobList = await listTransactionsPage(w, await consumerToken(w, bob))
    expect(bobList.content).toHaveLength(1)
    const incoming = bobList.content[0]!
    expect(incoming).toMatchObject({
      type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_RECEIVE', status: 'APPROVED', amount: 33.33,
      information: { reference: 'Loan', clearingDate: '2026-01-16T10:00:00.000Z', sequence: 'NONE' },
      sender: { name: 'Jane Doe', iban: aliceLedger.iban, bic: aliceLedger.bicOrSwift, ledgerId: aliceLedger.id, endUserId: alice.id },
      receiver: { ledgerId: bobLedger.id, endUserId: bob.id, name: 'Bob Martin', iban: bobLedger.iban },
    })
    expect(referenceErrors('GET', '/api/partner/transactions', 200, bobList)).toEqual([])
  })

  it('to another partner\'s ledger: SEPA even with allowInterLedger; the other partner sees an incoming SCT without our ids', async () => {
    const w = makeWorld()
    const { token, alice, bob, aliceLedger, bobLedger } = await twoConsumers(w, OTHER.partnerName)
    const toBob = insertBeneficiary(w, { consumerId: alice.id, iban: bobLedger.iban, bicOrSwift: bobLedger.bicOrSwift, ledgerId: bobLedger.id })
    const { id } = (await (await postTransfer(w, token, { amount: 50, ledgerFromId: aliceLedger.id, beneficiaryId: toBob.id })).json()) as { id: string }
    const sent = await fetchTransaction(w, token, id)
    expect(sent).toMatchObject({ type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_SEND' })
    expect(sent.receiver.ledgerId).toBeUndefined()
    await advanceClock(w, 24 * 3600)
    const other = await w.partnerToken(OTHER)
    const page = await listTransactionsPage(w, other)
    expect(page.content).toHaveLength(1)
    expect(page.content[0]).toMatchObject({ paymentType: 'SCT_RECEIVE', amount: 50, receiver: { ledgerId: bobLedger.id, endUserId: bob.id } })
    expect(page.content[0]!.sender).toEqual({ name: 'Jane Doe', iban: aliceLedger.iban, bic: aliceLedger.bicOrSwift })
    // Neither partner sees the other's row.
    expect((await w.call('GET', `/api/partner/transactions/${id}`, { token: other })).status).toBe(404)
    expect((await listTransactionsPage(w, token)).content.map((t) => t.id)).toEqual([id])
    expect(balancesCents(w, bobLedger.id).total).toBe(6000)
  })

  it('a receiving ledger closed before settlement declines the transfer and gives the hold back', async () => {
    const w = makeWorld()
    const { token, alice, aliceLedger, bobLedger } = await twoConsumers(w)
    const toBob = insertBeneficiary(w, { consumerId: alice.id, iban: bobLedger.iban, ledgerId: bobLedger.id })
    const { id } = (await (await postTransfer(w, token, { amount: 40, ledgerFromId: aliceLedger.id, beneficiaryId: toBob.id, allowInterLedger: false })).json()) as { id: string }
    w.store.sqlite.prepare("UPDATE ledgers SET status = 'CLOSED', available_cents = 0 WHERE id = ?").run(bobLedger.id)
    await advanceClock(w, 24 * 3600)
    expect(await fetchTransaction(w, token, id)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED' } })
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 10000, reserved: 0, total: 10000 })
    expect(balancesCents(w, bobLedger.id).total).toBe(0)
    const bobs = await listTransactionsPage(w, token, `ledgerId=${bobLedger.id}`)
    expect(bobs.content).toEqual([expect.objectContaining({ paymentType: 'SCT_RECEIVE', status: 'DECLINED' })])
    expect((await listTransactionsPage(w, token, `ledgerId=${bobLedger.id}&showDeclinedTransaction=false`)).totalElements).toBe(0)
  })

  it('inter-ledger to a closed ledger is booked DECLINED at once, nothing moves', async () => {
    const w = makeWorld()
    const { token, alice, aliceLedger, bobLedger } = await twoConsumers(w)
    w.store.sqlite.prepare("UPDATE ledgers SET status = 'CLOSED', available_cents = 0 WHERE id = ?").run(bobLedger.id)
    const toBob = insertBeneficiary(w, { consumerId: alice.id, iban: bobLedger.iban, ledgerId: bobLedger.id })
    const { id } = (await (await postTransfer(w, token, { amount: 40, ledgerFromId: aliceLedger.id, beneficiaryId: toBob.id })).json()) as { id: string }
    const tx = await fetchTransaction(w, token, id)
    expect(tx).toMatchObject({ type: 'INTER_LEDGER', status: 'DECLINED', information: { declineReason: 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED' } })
    expect(balancesCents(w, aliceLedger.id).total).toBe(10000)
  })

  it('SEPA to a simulated ledger in another currency is declined at settlement; a beneficiary that is the sending ledger itself is refused', async () => {
    const w = makeWorld()
    const { token, alice, bob, aliceLedger } = await twoConsumers(w)
    const gbp = insertLedger(w, { consumerId: bob.id, type: 'GBP_GREAT_BRITAIN' })
    const toGbp = insertBeneficiary(w, { consumerId: alice.id, iban: gbp.iban, ledgerId: gbp.id })
    const { id } = (await (await postTransfer(w, token, { amount: 5, ledgerFromId: aliceLedger.id, beneficiaryId: toGbp.id, allowInterLedger: false })).json()) as { id: string }
    await advanceClock(w, 24 * 3600)
    expect(await fetchTransaction(w, token, id)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT' } })
    expect(balancesCents(w, aliceLedger.id)).toEqual({ available: 10000, reserved: 0, total: 10000 })
    expect(balancesCents(w, gbp.id).total).toBe(0)
    const toSelf = insertBeneficiary(w, { consumerId: alice.id, iban: aliceLedger.iban, ledgerId: aliceLedger.id })
    await expectError(await postTransfer(w, token, { amount: 5, ledgerFromId: aliceLedger.id, beneficiaryId: toSelf.id }), 409, 'INTER_LEDGER_TRANSACTION_MUST_BE_TWO_DIFFERENT_LEDGERS', 'Inter ledger transaction must be done between two different ledgers.')
  })

  it('a GBP ledger pays a UK beneficiary by Faster Payment (UK_CREDIT_TRANSFER), settled within seconds', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const alice = insertBankingConsumer(w)
    const gbp = insertLedger(w, { consumerId: alice.id, type: 'GBP_GREAT_BRITAIN', available: 20 })
    const uk = insertBeneficiary(w, { consumerId: alice.id, accountType: 'GBP', iban: null, bicOrSwift: null, sortCode: '400515', accountNumber: '41234567' })
    const { id } = (await (await postTransfer(w, token, { amount: 2.5, ledgerFromId: gbp.id, beneficiaryId: uk.id })).json()) as { id: string }
    expect(await fetchTransaction(w, token, id)).toMatchObject({
      type: 'UK_CREDIT_TRANSFER', paymentType: 'FASTER_PAYMENT_SEND', status: 'PENDING', currency: 'GBP',
      receiver: { sortCode: '400515', accountNumber: '41234567', beneficiaryId: uk.id },
    })
    await advanceClock(w, 5)
    expect((await fetchTransaction(w, token, id)).status).toBe('APPROVED')
    expect(balancesCents(w, gbp.id)).toEqual({ available: 1750, reserved: 0, total: 1750 })
    // And a EUR (IBAN) beneficiary is not compatible with the GBP ledger.
    const eur = insertBeneficiary(w, { consumerId: alice.id })
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: gbp.id, beneficiaryId: eur.id }), 409, 'BENEFICIARY_NOT_COMPATIBLE', 'We can not create a transaction to a IBAN beneficiary from this ledger.')
  })
})
