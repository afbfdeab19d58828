import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  beneficiaries, credentials, emailVerifications, endUserSuspensions, kycApplications, fileLinks, ledgers, mandates, outbox, phoneVerifications,
  scheduledJobs, transactions, webPages,
} from '../../src/state/db/schema'
import { errorBody, makeWorld, OTHER } from '../helpers/app'
import { CONSUMERS, MISSING_ID, consumerLogin, consumerToken, createConsumer, seedConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { DOCUMENTS, PDF, uploaded } from '../helpers/end-user-documents'
import {
  advanceClock, balancesCents, createdId, fetchTransaction, insertBankingConsumer, insertBeneficiary, insertLedger, insertMandate,
  listTransactionsPage, mandateRow, postInterLedger, postTransfer, setPartnerSettings,
} from '../helpers/money'

// Sandbox DELETE /api/partner/consumers/{consumerId}.

describe('DELETE /api/partner/consumers/{consumerId} (sandbox)', () => {
  it('answers 200 with an empty body and removes the consumer with its login, verifications, KYC, pages and messages', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const me = await consumerLogin(w, '611111111')
    const keep = seedConsumer(w, { kycStatus: 'CREATED' })
    // Rows that hang off the consumer: an SMS (password reset), verifications, a KYC application and its page.
    expect((await w.call('POST', '/api/partner/passwords/reset', { body: { partnerName: 'sandbox', consumerPhone: '33611111111' } })).status).toBe(204)
    const partnerId = w.loaded.partners.sandbox!.id
    const now = w.store.clock.nowMs()
    w.store.db.insert(phoneVerifications).values({ id: w.store.rng.uuid(), partnerId, personId: me.id, phoneDigits: '33611111111', code: '123456', attemptsLeft: 5, status: 'PENDING', expiresAt: now + 1, createdAt: now }).run()
    w.store.db.insert(emailVerifications).values({ id: 'ev-1', partnerId, personId: me.id, emailAddress: 'x@example.fr', urlOnSuccess: null, urlOnFailure: null, status: 'PENDING', expiresAt: now + 1, createdAt: now }).run()
    w.store.db.insert(kycApplications).values({ id: 'kyc-1', partnerId, personId: me.id, personType: 'CONSUMER', status: 'CREATED', statusReason: null, type: 'FULL_KYC', accessType: 'LINK', urlOnComplete: null, urlOnFailure: null, expiresAt: null, identity: {}, creationDate: now, updateDate: now }).run()
    for (const resourceId of ['kyc-1', 'ev-1']) {
      w.store.db.insert(webPages).values({ id: w.store.rng.uuid(), partnerId, kind: 'KYC', resourceId, status: 'OPEN', expiresAt: now + 1, createdAt: now }).run()
    }

    const res = await w.call('DELETE', `${CONSUMERS}/${me.id}`, { token })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')

    await expectError(await w.call('GET', `${CONSUMERS}/${me.id}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${me.id} was not found.`)
    const login = await w.call('POST', '/api/partner/login', { body: { consumerPhone: '33611111111', partnerName: 'sandbox', password: 'Consumer-Password-1' } })
    expect(login.status).toBe(401)
    // The old token no longer resolves (its subject is gone).
    expect((await w.call('GET', `${CONSUMERS}/${me.id}`, { token: me.token })).status).toBe(401)
    const left = (table: typeof outbox | typeof phoneVerifications | typeof emailVerifications | typeof kycApplications) =>
      w.store.db.select().from(table).where(eq(table.personId, me.id)).all().length
    expect([left(outbox), left(phoneVerifications), left(emailVerifications), left(kycApplications)]).toEqual([0, 0, 0, 0])
    expect(w.store.db.select().from(webPages).all()).toEqual([])
    expect(w.store.db.select().from(credentials).where(eq(credentials.principalId, me.id)).all()).toEqual([])
    // Other consumers are untouched; the phone can be used again.
    expect(w.store.db.select().from(kycApplications).where(eq(kycApplications.personId, keep)).all()).toHaveLength(1)
    await createConsumer(w, { partnerName: 'sandbox', phone: { countryCode: '33', number: '611111111' } })
  })

  it('also removes its money: ledgers, documents, suspensions, beneficiaries, mandates, their jobs and its own transactions; a transfer with another end-user stays readable on that side', async () => {
    const w = makeWorld()
    setPartnerSettings(w, 'sandbox', { accessTokenTtlSeconds: 30 * 24 * 3600 })
    const token = await w.partnerToken()
    const alice = insertBankingConsumer(w, { firstName: 'Alice', lastName: 'Gone' })
    const bob = insertBankingConsumer(w, { firstName: 'Bob', lastName: 'Stays' })
    const main = insertLedger(w, { consumerId: alice.id, available: 100 })
    const savings = insertLedger(w, { consumerId: alice.id })
    const bobs = insertLedger(w, { consumerId: bob.id, available: 10 })
    // Alice's money, each piece with what hangs off it.
    const pending = await createdId(await w.call('POST', '/api/partner/ledgers', { token, body: { endUserId: alice.id, type: 'EUR_FRANCE' } }), '/api/partner/ledgers') // LEDGER_ACTIVATION job
    const own = await createdId(await postInterLedger(w, token, { ledgerFromId: main.id, ledgerToId: savings.id, amount: 20 }), '/api/partner/transactions/inter-ledger')
    const shared = await createdId(await postInterLedger(w, token, { ledgerFromId: main.id, ledgerToId: bobs.id, amount: 10 }), '/api/partner/transactions/inter-ledger')
    const payee = insertBeneficiary(w, { consumerId: alice.id })
    const sent = await createdId(await postTransfer(w, token, { ledgerFromId: main.id, beneficiaryId: payee.id, amount: 5 }), '/api/partner/transactions') // SEPA_SETTLEMENT job
    expect((await w.call('POST', `/_sim/ledgers/${main.id}/incoming-transfer`, { body: { amount: 1, debtorName: 'Mum', debtorIban: 'FR7630006000011234567890189' } })).status).toBe(201)
    const collection = insertMandate(w, { consumerId: alice.id })
    const collected = await createdId(await w.call('POST', '/api/partner/transactions/direct-debit', {
      token, body: { mandateId: collection.id, ledgerId: main.id, date: '2026-01-19', amount: 3, reference: 'Invoice' },
    }), '/api/partner/transactions/direct-debit') // DIRECT_DEBIT_COLLECTION job
    const activating = insertMandate(w, { consumerId: alice.id, status: 'AWAITING_ACTIVATION' })
    expect((await w.call('POST', `/api/partner/mandates/${activating.id}/activate`, { token })).status).toBe(200) // MANDATE_PROCESSING job
    const rib = await w.call('GET', `/api/partner/documents/bank-details/${main.id}`, { token })
    const download = new URL(((await rib.json()) as { url: string }).url).pathname
    expect((await w.call('POST', `/api/partner/end-users/${alice.id}/suspensions`, { token, body: { reason: 'Leaving' } })).status).toBe(204)
    // Bob's money, some of it pointing at Alice's ledger.
    const toAlice = insertBeneficiary(w, { consumerId: bob.id, iban: main.iban, bicOrSwift: main.bicOrSwift, ledgerId: main.id })
    const fromAlice = insertMandate(w, { consumerId: bob.id, debtorIban: main.iban, debtorBic: main.bicOrSwift, debtorLedgerId: main.id })
    const bobPays = await createdId(await postTransfer(w, token, { ledgerFromId: bobs.id, beneficiaryId: insertBeneficiary(w, { consumerId: bob.id }).id, amount: 4 }), '/api/partner/transactions')
    expect([pending, own, sent, collected]).toHaveLength(4)

    expect((await w.call('DELETE', `${CONSUMERS}/${alice.id}`, { token })).status).toBe(200)

    const of = <T extends { endUserId: unknown }>(rows: T[]) => rows.filter((r) => r.endUserId === alice.id)
    expect(of(w.store.db.select().from(ledgers).all())).toEqual([])
    expect(of(w.store.db.select().from(beneficiaries).all())).toEqual([])
    expect(of(w.store.db.select().from(mandates).all())).toEqual([])
    expect(of(w.store.db.select().from(endUserSuspensions).all())).toEqual([])
    expect(w.store.db.select().from(fileLinks).all()).toEqual([])
    // Only Bob's jobs and transactions remain; the transfer between Alice and Bob stays.
    expect(w.store.db.select({ kind: scheduledJobs.kind, payload: scheduledJobs.payload }).from(scheduledJobs).all()).toEqual([{ kind: 'SEPA_SETTLEMENT', payload: { transactionId: bobPays } }])
    expect(w.store.db.select({ id: transactions.id }).from(transactions).all().map((t) => t.id).sort()).toEqual([shared, bobPays].sort())
    await expectError(await w.call('GET', `/api/partner/ledgers/${main.id}`, { token }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${main.id} was not found.`)
    await expectError(await w.call('GET', `/api/partner/transactions/${own}`, { token }), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${own} was not found.`)
    expect((await w.call('GET', download)).status).toBe(404)

    // Bob still reads the transfer, Alice's side as it was booked; his account pointing at Alice's ledger is now an outside IBAN.
    const bobToken = await consumerToken(w, bob)
    expect(await fetchTransaction(w, bobToken, shared)).toMatchObject({
      type: 'INTER_LEDGER', status: 'APPROVED', amount: 10,
      sender: { name: 'Alice Gone', ledgerId: main.id, endUserId: alice.id }, receiver: { name: 'Bob Stays', ledgerId: bobs.id, endUserId: bob.id },
    })
    expect((await listTransactionsPage(w, bobToken)).content.map((t) => t.id).sort()).toEqual([shared, bobPays].sort())
    const payeeNow = (await (await w.call('GET', `/api/partner/beneficiaries/${toAlice.id}`, { token })).json()) as Record<string, unknown>
    expect(payeeNow).toMatchObject({ id: toAlice.id, iban: main.iban })
    expect(payeeNow).not.toHaveProperty('linkcyLedgerId')
    expect(w.store.db.select({ ledgerId: beneficiaries.ledgerId }).from(beneficiaries).all().filter((b) => b.ledgerId === main.id)).toEqual([])
    expect(mandateRow(w, fromAlice.id)).toMatchObject({ debtorIban: main.iban, debtorLedgerId: null })

    // Time passes without the deleted rows: Bob's own transfer settles, his balance is exact.
    await advanceClock(w, 7 * 24 * 3600)
    expect((await fetchTransaction(w, bobToken, bobPays)).status).toBe('APPROVED')
    expect(balancesCents(w, bobs.id)).toEqual({ available: 1600, reserved: 0, total: 1600 })
  })

  it('also removes its uploaded documents', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createConsumer(w, { phone: { countryCode: '33', number: '699887766' } }, token)
    const documentId = await uploaded(w, token, { endUserId: id, type: 'IDENTITY_CARD', friendlyName: 'id card' }, { bytes: PDF })
    expect((await w.call('GET', `${DOCUMENTS}/${documentId}`, { token })).status).toBe(200)
    expect((await w.call('DELETE', `${CONSUMERS}/${id}`, { token })).status).toBe(200)
    expect((await w.call('GET', `${DOCUMENTS}/${documentId}`, { token })).status).toBe(404)
  })

  it('404 CONSUMER_NOT_FOUND for an unknown id, a deleted one, or another partner’s consumer', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await expectError(await w.call('DELETE', `${CONSUMERS}/${MISSING_ID}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${MISSING_ID} was not found.`)
    const id = seedConsumer(w)
    await expectError(await w.call('DELETE', `${CONSUMERS}/${id}`, { token: await w.partnerToken(OTHER) }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${id} was not found.`)
    expect((await w.call('DELETE', `${CONSUMERS}/${id}`, { token })).status).toBe(200)
    await expectError(await w.call('DELETE', `${CONSUMERS}/${id}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${id} was not found.`)
  })

  it('400 for a non-uuid id, 401 anonymous, 403 for an end-user token', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const bad = await w.call('DELETE', `${CONSUMERS}/nope`, { token })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'consumerId' }] })
    const me = await consumerLogin(w, '622222222')
    expect((await w.call('DELETE', `${CONSUMERS}/${me.id}`)).status).toBe(401)
    const self = await w.call('DELETE', `${CONSUMERS}/${me.id}`, { token: me.token })
    expect(self.status).toBe(403)
    expect(await errorBody(self)).toMatchObject({ error: 'linkcy.forbidden' })
  })
})
