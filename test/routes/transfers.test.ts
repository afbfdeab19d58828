import { describe, expect, it } from 'vitest'
import { OTHER, makeWorld, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import {
  balancesCents, insertBankingConsumer, insertBeneficiary, insertLedger, postTransfer, standingMessage, type StandingCode,
} from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// POST /api/partner/transactions: a transfer to a beneficiary, every documented refusal, in the
// documented order, and what a refusal leaves (nothing: no transaction, no balance change).

const PATH = '/api/partner/transactions'

async function setUp(w: TestWorld, consumer: Parameters<typeof insertBankingConsumer>[1] = {}, ledger: Record<string, unknown> = {}) {
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w, consumer)
  const from = insertLedger(w, { consumerId: alice.id, available: 100, ...ledger })
  const beneficiary = insertBeneficiary(w, { consumerId: alice.id })
  return { token, alice, from, beneficiary }
}

const countTransactions = (w: TestWorld) => (w.store.sqlite.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n

describe('POST /transactions', () => {
  it('sends an SCT: 201 {id} (reference schema), PENDING SCT_SEND holding the amount', async () => {
    const w = makeWorld()
    const { token, from, beneficiary } = await setUp(w)
    const res = await postTransfer(w, token, { amount: 25.5, ledgerFromId: from.id, beneficiaryId: beneficiary.id, reference: 'Rent january' })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string }
    expect(referenceErrors('POST', PATH, 201, body)).toEqual([])
    expect(balancesCents(w, from.id)).toEqual({ available: 7450, reserved: 2550, total: 10000 })
    const got = await w.call('GET', `${PATH}/${body.id}`, { token })
    const tx = (await got.json()) as Record<string, any>
    expect(referenceErrors('GET', `${PATH}/{transactionId}`, 200, tx)).toEqual([])
    expect(tx).toMatchObject({
      id: body.id, type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_SEND', status: 'PENDING', amount: 25.5, currency: 'EUR',
      information: { originalAmount: 25.5, originalCurrency: 'EUR', conversionRate: '1', reference: 'Rent january', sequence: 'NONE' },
      sender: { endUserId: from.endUserId, ledgerId: from.id, name: 'Jane Doe', iban: from.iban, bic: from.bicOrSwift },
      receiver: { name: 'John Payee', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', beneficiaryId: beneficiary.id },
    })
    expect(tx.information.clearingDate).toBeUndefined()
  })

  it('accepts an amount with 2 decimals exactly (0.1 + 0.2 style amounts stay exact)', async () => {
    const w = makeWorld()
    const { token, from, beneficiary } = await setUp(w)
    for (const amount of [0.1, 0.2, 19.99, 0.07]) {
      expect((await postTransfer(w, token, { amount, ledgerFromId: from.id, beneficiaryId: beneficiary.id })).status).toBe(201)
    }
    expect(balancesCents(w, from.id)).toEqual({ available: 10000 - 10 - 20 - 1999 - 7, reserved: 10 + 20 + 1999 + 7, total: 10000 })
  })

  it('validates the body: amount > 0 with at most 2 decimals, uuids, reference pattern and length', async () => {
    const w = makeWorld()
    const { token, from, beneficiary } = await setUp(w)
    const valid = { amount: 10, ledgerFromId: from.id, beneficiaryId: beneficiary.id }
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount: 0 }, 'amount', 'must be greater than 0'],
      [{ amount: -5 }, 'amount', 'must be greater than 0'],
      [{ amount: 1.234 }, 'amount', 'numeric value out of bounds (<13 digits>.<2 digits> expected)'],
      // Never rounded into a bookable amount: a zero (1e-9 used to book 0), 0.10 or a lost cent.
      [{ amount: 1e-9 }, 'amount', 'numeric value out of bounds (<13 digits>.<2 digits> expected)'],
      [{ amount: 0.100000001 }, 'amount', 'numeric value out of bounds (<13 digits>.<2 digits> expected)'],
      [{ amount: 90071992547409.91 }, 'amount', 'numeric value out of bounds (<13 digits>.<2 digits> expected)'],
      [{ amount: 10_000_000_000_000 }, 'amount', 'numeric value out of bounds (<13 digits>.<2 digits> expected)'],
      [{ amount: '10' }, 'amount', 'must be of type number'],
      [{ amount: undefined }, 'amount', 'must not be null'],
      [{ ledgerFromId: 'nope' }, 'ledgerFromId', 'must be a valid UUID'],
      [{ beneficiaryId: undefined }, 'beneficiaryId', 'must not be null'],
      [{ reference: 'semi;colon' }, 'reference', `must match "^[.'a-zA-ZÀ-ÿ0-9,? ]*$"`],
      [{ allowFastPayment: 'yes' }, 'allowFastPayment', 'must be of type boolean'],
    ]
    for (const [members, field, message] of cases) {
      const res = await postTransfer(w, token, { ...valid, ...members })
      expect(res.status, JSON.stringify(members)).toBe(400)
      expect(((await res.json()) as { details: unknown[] }).details).toEqual([{ field, rejectedValue: expect.any(String), message }])
    }
    const long = await postTransfer(w, token, { ...valid, reference: 'x'.repeat(19) })
    await expectError(long, 400, 'TOO_LONG_FIELD', 'For the field reference, the maximum allowed size is 18 but the size was 19.', { field: 'reference' })
    expect(countTransactions(w)).toBe(0)
  })

  it('LEDGER_NOT_FOUND (400): unknown, another partner\'s, or (end-user token) another end-user\'s ledger', async () => {
    const w = makeWorld()
    const { token, alice, from, beneficiary } = await setUp(w)
    const msg = (id: string) => `Ledger with id ${id} was not found.`
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: MISSING_ID, beneficiaryId: beneficiary.id }), 400, 'LEDGER_NOT_FOUND', msg(MISSING_ID), { field: 'ledgerFromId', rejectedValue: MISSING_ID })
    const olga = insertBankingConsumer(w, { partner: OTHER.partnerName })
    const foreign = insertLedger(w, { consumerId: olga.id, available: 50 })
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: foreign.id, beneficiaryId: beneficiary.id }), 400, 'LEDGER_NOT_FOUND', msg(foreign.id), { field: 'ledgerFromId' })
    const bob = insertBankingConsumer(w)
    const bobToken = await consumerToken(w, bob)
    await expectError(await postTransfer(w, bobToken, { amount: 1, ledgerFromId: from.id, beneficiaryId: beneficiary.id }), 400, 'LEDGER_NOT_FOUND', msg(from.id), { field: 'ledgerFromId' })
    // The owner's own token may.
    expect((await postTransfer(w, await consumerToken(w, alice), { amount: 1, ledgerFromId: from.id, beneficiaryId: beneficiary.id })).status).toBe(201)
  })

  it('BENEFICIARY_NOT_FOUND (400): unknown, another partner\'s, or another end-user\'s beneficiary', async () => {
    const w = makeWorld()
    const { token, from } = await setUp(w)
    const msg = (id: string) => `Beneficiary with id ${id} was not found.`
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: MISSING_ID }), 400, 'BENEFICIARY_NOT_FOUND', msg(MISSING_ID), { field: 'beneficiaryId', rejectedValue: MISSING_ID })
    const bob = insertBankingConsumer(w)
    const bobs = insertBeneficiary(w, { consumerId: bob.id })
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: bobs.id }), 400, 'BENEFICIARY_NOT_FOUND', msg(bobs.id), { field: 'beneficiaryId' })
    const olga = insertBankingConsumer(w, { partner: OTHER.partnerName })
    const foreign = insertBeneficiary(w, { consumerId: olga.id })
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: foreign.id }), 400, 'BENEFICIARY_NOT_FOUND', msg(foreign.id), { field: 'beneficiaryId' })
  })

  it('refuses a holder who may not bank, with the documented 409s in the reference order', async () => {
    const w = makeWorld()
    const cases: [Record<string, unknown>, StandingCode][] = [
      [{ kycStatus: 'PENDING', linkcyStatus: 'PENDING' }, 'CONSUMER_KYC_MUST_BE_VALIDATED'],
      [{ linkcyStatus: 'PENDING', suspensionStatus: 'SUSPENDED' }, 'LINKCY_STATUS_MUST_BE_VALIDATED'],
      [{ suspensionStatus: 'SUSPENDED', bankingStatus: 'NOT_CREATED' }, 'END_USER_MUST_NOT_BE_SUSPENDED'],
      [{ bankingStatus: 'NOT_CREATED', lastTermsAccepted: null }, 'BANKING_STATUS_MUST_BE_VALIDATED'],
      [{ lastTermsAccepted: null }, 'TERMS_AND_CONDITIONS_NOT_ACCEPTED'],
    ]
    for (const [consumer, code] of cases) {
      // The ledger is also suspended and not upgraded: the holder's standing is checked first.
      const { token, alice, from, beneficiary } = await setUp(w, consumer, { status: 'SUSPENDED', isUpgraded: false })
      await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: beneficiary.id }), 409, code, standingMessage(code, alice))
    }
    expect(countTransactions(w)).toBe(0)
  })

  it('LEDGER_MUST_BE_ACTIVE for a pending, suspended or closed ledger (before LEDGER_MUST_BE_UPGRADED)', async () => {
    const w = makeWorld()
    for (const status of ['PENDING', 'SUSPENDED', 'CLOSED']) {
      const { token, from, beneficiary } = await setUp(w, {}, { status, isUpgraded: false })
      await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: beneficiary.id }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    }
  })

  it('LEDGER_MUST_BE_UPGRADED while the ledger has no IBAN (before the beneficiary checks)', async () => {
    const w = makeWorld()
    const { token, alice, from } = await setUp(w, {}, { isUpgraded: false, iban: null })
    const inactive = insertBeneficiary(w, { consumerId: alice.id, active: false, status: 'DECLINED' })
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: inactive.id }), 409, 'LEDGER_MUST_BE_UPGRADED', 'Ledger must be upgraded to do this operation.')
  })

  it('BENEFICIARY_MUST_BE_ACTIVE, then BENEFICIARY_MUST_BE_VALID with its current status', async () => {
    const w = makeWorld()
    const { token, alice, from } = await setUp(w)
    const inactive = insertBeneficiary(w, { consumerId: alice.id, active: false, status: 'PENDING_REVIEW' })
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: inactive.id }), 409, 'BENEFICIARY_MUST_BE_ACTIVE', `The beneficiary with id ${inactive.id} is not active.`)
    for (const status of ['PENDING_REVIEW', 'PENDING', 'DECLINED']) {
      const b = insertBeneficiary(w, { consumerId: alice.id, status: status as 'PENDING' })
      await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: b.id }), 409, 'BENEFICIARY_MUST_BE_VALID', `The beneficiary with id ${b.id} is not VALID, current status is ${status}.`)
    }
    expect(balancesCents(w, from.id)).toEqual({ available: 10000, reserved: 0, total: 10000 })
  })

  it('BENEFICIARY_NOT_COMPATIBLE: a UK beneficiary from a EUR ledger', async () => {
    const w = makeWorld()
    const { token, alice, from } = await setUp(w)
    const uk = insertBeneficiary(w, { consumerId: alice.id, accountType: 'GBP', iban: null, bicOrSwift: null, sortCode: '400515', accountNumber: '41234567' })
    await expectError(await postTransfer(w, token, { amount: 1, ledgerFromId: from.id, beneficiaryId: uk.id }), 409, 'BENEFICIARY_NOT_COMPATIBLE', 'We can not create a transaction to a GBP beneficiary from this ledger.')
  })

  it('LEDGER_MUST_BE_PROVISIONED when the available balance does not cover the amount (reserved money does not count)', async () => {
    const w = makeWorld()
    const { token, from, beneficiary } = await setUp(w)
    await expectError(await postTransfer(w, token, { amount: 100.01, ledgerFromId: from.id, beneficiaryId: beneficiary.id }), 409, 'LEDGER_MUST_BE_PROVISIONED', 'Ledger must be provisioned to perform this operation.')
    expect((await postTransfer(w, token, { amount: 60, ledgerFromId: from.id, beneficiaryId: beneficiary.id })).status).toBe(201)
    await expectError(await postTransfer(w, token, { amount: 40.01, ledgerFromId: from.id, beneficiaryId: beneficiary.id }), 409, 'LEDGER_MUST_BE_PROVISIONED', 'Ledger must be provisioned to perform this operation.')
    expect((await postTransfer(w, token, { amount: 40, ledgerFromId: from.id, beneficiaryId: beneficiary.id })).status).toBe(201)
    expect(balancesCents(w, from.id)).toEqual({ available: 0, reserved: 10000, total: 10000 })
    expect(countTransactions(w)).toBe(2)
  })

  it('requires a token with BENEFICIARY_TRANSACTION_CREATE (401 without one)', async () => {
    const w = makeWorld()
    const { from, beneficiary } = await setUp(w)
    const res = await w.call('POST', PATH, { body: { amount: 1, ledgerFromId: from.id, beneficiaryId: beneficiary.id } })
    expect(res.status).toBe(401)
  })
})
