import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { DESIGNS, insertCardProfile, postCard } from '../helpers/cards'
import { bankingCorporate, corporateRow, setKyb } from '../helpers/corporates'
import { expectError } from '../helpers/errors'
import { advanceClock, BY_PASS, createdId, EXTERNAL_SEPA, fetchTransaction, insertBankingConsumer, ledgerRow, postInterLedger, postTransfer } from '../helpers/money'
import { consumerToken } from '../helpers/consumers'

// A corporate banks through the same money and card operations as a consumer, once its KYB is
// VALIDATED; every operation whose reference lists CORPORATE_KYB_MUST_BE_VALIDATED refuses it before.

const CORPORATE_VIRTUAL = '0beccf6d-aa19-4bfc-87fe-c83f26eebcf5'
const MONDAY = '2026-01-19' // the world starts on Thursday 2026-01-15: the first TARGET day at J+2

/** A validated corporate with two ACTIVE upgraded ledgers (the first funded), a beneficiary, two mandates (one ACTIVATED) and a corporate card profile. */
async function corporateWorld() {
  const w = makeWorld()
  const partner = await w.partnerToken()
  const corp = await bankingCorporate(w, { registeredName: 'Globex Trading SAS' })
  const ledger = async () => createdId(await w.call('POST', '/api/partner/ledgers', { token: corp.token, body: { type: 'EUR_FRANCE', autoUpgrade: true } }), '/api/partner/ledgers')
  const main = await ledger()
  const savings = await ledger()
  await advanceClock(w, 5)
  expect((await w.call('POST', '/api/partner/ledgers/credit', { token: partner, body: { ledgerId: main, amount: 100 } })).status).toBe(200)
  const beneficiary = await createdId(await w.call('POST', '/api/partner/beneficiaries', {
    token: corp.token, headers: BY_PASS, body: { type: 'COMPANY', name: 'Supplier SARL', bankingDetails: EXTERNAL_SEPA },
  }), '/api/partner/beneficiaries')
  const mandate = async () => createdId(await w.call('POST', '/api/partner/mandates', {
    token: corp.token, body: { debtor: { type: 'COMPANY', name: 'Customer SA', bankingDetails: EXTERNAL_SEPA }, recurring: true },
  }), '/api/partner/mandates')
  const pending = await mandate()
  const active = await mandate()
  expect((await w.call('POST', `/api/partner/mandates/${active}/activate`, { token: corp.token })).status).toBe(200)
  await advanceClock(w, 5)
  const profile = insertCardProfile(w, w.loaded.partners.sandbox!.id, CORPORATE_VIRTUAL, { name: 'Business virtual' })
  return { w, partner, corp, main, savings, beneficiary, pending, active, profile }
}

type World = Awaited<ReturnType<typeof corporateWorld>>

/** Every operation whose reference lists 409 CORPORATE_KYB_MUST_BE_VALIDATED, called by the corporate itself. */
const OPERATIONS: [string, (x: World) => Promise<Response>][] = [
  ['POST /ledgers', (x) => x.w.call('POST', '/api/partner/ledgers', { token: x.corp.token, body: { type: 'EUR_FRANCE' } })],
  ['POST /transactions', (x) => postTransfer(x.w, x.corp.token, { ledgerFromId: x.main, beneficiaryId: x.beneficiary, amount: 10, reference: 'Invoice' })],
  ['POST /transactions/inter-ledger', (x) => postInterLedger(x.w, x.corp.token, { ledgerFromId: x.main, ledgerToId: x.savings, amount: 10 })],
  ['POST /transactions/direct-debit', (x) => x.w.call('POST', '/api/partner/transactions/direct-debit', { token: x.corp.token, body: { mandateId: x.active, ledgerId: x.main, date: MONDAY, amount: 5, reference: 'Sub' } })],
  ['POST /beneficiaries', (x) => x.w.call('POST', '/api/partner/beneficiaries', { token: x.corp.token, headers: BY_PASS, body: { type: 'PERSON', name: 'Another Payee', bankingDetails: { iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPLIL' } } })],
  ['POST /mandates', (x) => x.w.call('POST', '/api/partner/mandates', { token: x.corp.token, body: { debtor: { type: 'PERSON', name: 'Jo Debtor' } } })],
  ['POST /mandates/{id}/activate', (x) => x.w.call('POST', `/api/partner/mandates/${x.pending}/activate`, { token: x.corp.token })],
  ['POST /cards', (x) => postCard(x.w, x.corp.token, { ledgerId: x.main, profileId: x.profile.id })],
]

describe('corporate banking (KYB VALIDATED)', () => {
  it('the corporate sends money, collects and orders cards; transactions show its registered name', async () => {
    const x = await corporateWorld()
    expect(ledgerRow(x.w, x.main)).toMatchObject({ endUserKind: 'CORPORATE', status: 'ACTIVE', isUpgraded: true, availableCents: 10_000 })
    const moved = await createdId(await postInterLedger(x.w, x.corp.token, { ledgerFromId: x.main, ledgerToId: x.savings, amount: 10 }), '/api/partner/transactions/inter-ledger')
    expect(await fetchTransaction(x.w, x.corp.token, moved)).toMatchObject({
      status: 'APPROVED', sender: { name: 'Globex Trading SAS', endUserId: x.corp.corporateId }, receiver: { name: 'Globex Trading SAS' },
    })
    // The first card before anything reserves money (RESERVED_BALANCE_MUST_BE_EMPTY_WHEN_CREATING_FIRST_CARD).
    const card = await createdId(await postCard(x.w, x.corp.token, { ledgerId: x.main, profileId: x.profile.id }), '/api/partner/cards')
    await createdId(await postTransfer(x.w, x.corp.token, { ledgerFromId: x.main, beneficiaryId: x.beneficiary, amount: 10, reference: 'Invoice 1' }), '/api/partner/transactions')
    await createdId(await x.w.call('POST', '/api/partner/transactions/direct-debit', {
      token: x.corp.token, body: { mandateId: x.active, ledgerId: x.main, date: MONDAY, amount: 5, reference: 'Sub' },
    }), '/api/partner/transactions/direct-debit')
    await advanceClock(x.w, 5)
    const shown = (await (await x.w.call('GET', `/api/partner/cards/${card}`, { token: x.corp.token })).json()) as Record<string, unknown>
    expect(shown).toMatchObject({ id: card, status: { value: 'ACTIVE' }, type: 'VIRTUAL', nameOnCard: 'ALICE MARTIN' })
  })

  it('a consumer card profile refuses a corporate, and a corporate one a consumer (CARD_PROGRAM_NOT_COMPATIBLE_END_USER)', async () => {
    const x = await corporateWorld()
    const consumerProfile = insertCardProfile(x.w, x.w.loaded.partners.sandbox!.id, DESIGNS.virtual, { name: 'Retail virtual' })
    await expectError(await postCard(x.w, x.partner, { ledgerId: x.main, profileId: consumerProfile.id }), 409, 'CARD_PROGRAM_NOT_COMPATIBLE_END_USER',
      'This card program is not compatible with this type of user. Required CONSUMER, got CORPORATE.')
    await expectError(await postCard(x.w, x.corp.token, { ledgerId: x.main, profileId: consumerProfile.id }), 400, 'CARD_PROGRAM_NOT_COMPATIBLE_END_USER',
      'This card program is not compatible with this type of user. Required CONSUMER, got CORPORATE.', { field: 'profileId', rejectedValue: consumerProfile.id })
    const jane = insertBankingConsumer(x.w)
    const janeLedger = await createdId(await x.w.call('POST', '/api/partner/ledgers', { token: await consumerToken(x.w, jane), body: { type: 'EUR_FRANCE' } }), '/api/partner/ledgers')
    await advanceClock(x.w, 5)
    await expectError(await postCard(x.w, x.partner, { ledgerId: janeLedger, profileId: x.profile.id }), 409, 'CARD_PROGRAM_NOT_COMPATIBLE_END_USER',
      'This card program is not compatible with this type of user. Required CORPORATE, got CONSUMER.')
  })

  it('mandates need no partner setting for a corporate (MANDATE_NOT_AVAILABLE_FOR_CONSUMERS is for consumers only)', async () => {
    const x = await corporateWorld()
    expect((await x.w.call('GET', `/api/partner/mandates/${x.active}`, { token: x.corp.token })).status).toBe(200)
    const jane = insertBankingConsumer(x.w)
    const res = await x.w.call('POST', '/api/partner/mandates', { token: x.partner, body: { endUserId: jane.id, debtor: { type: 'PERSON', name: 'Jo Debtor' } } })
    await expectError(res, 409, 'MANDATE_NOT_AVAILABLE_FOR_CONSUMERS', 'Direct debit mandate is not available yet for consumers.')
  })
})

describe('409 CORPORATE_KYB_MUST_BE_VALIDATED', () => {
  for (const [name, call] of OPERATIONS) {
    it(`${name} refuses a corporate whose KYB is not VALIDATED`, async () => {
      const x = await corporateWorld()
      setKyb(x.w, x.corp.corporateId, 'PENDING_VERIFICATION')
      expect(corporateRow(x.w, x.corp.corporateId)).toMatchObject({ kybStatus: 'PENDING_VERIFICATION', linkcyStatus: 'PENDING', bankingStatus: 'NOT_CREATED' })
      await expectError(await call(x), 409, 'CORPORATE_KYB_MUST_BE_VALIDATED', 'Corporate kyb must be validated.')
    })
  }

  it('a partner opening a ledger for a corporate whose KYB is NOT_STARTED gets the same refusal; terms name the CORPORATE user type', async () => {
    const x = await corporateWorld()
    setKyb(x.w, x.corp.corporateId, 'NOT_STARTED')
    const body = { endUserId: x.corp.corporateId, type: 'EUR_FRANCE' }
    await expectError(await x.w.call('POST', '/api/partner/ledgers', { token: x.partner, body }), 409, 'CORPORATE_KYB_MUST_BE_VALIDATED', 'Corporate kyb must be validated.')
    setKyb(x.w, x.corp.corporateId, 'VALIDATED')
    x.w.store.sqlite.prepare('UPDATE corporates SET last_terms_accepted = NULL WHERE id = ?').run(x.corp.corporateId)
    await expectError(await x.w.call('POST', '/api/partner/ledgers', { token: x.partner, body }), 409, 'TERMS_AND_CONDITIONS_NOT_ACCEPTED',
      `The CORPORATE with id ${x.corp.corporateId} has not accepted the latest terms and conditions.`)
  })
})

