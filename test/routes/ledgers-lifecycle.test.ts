import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER } from '../helpers/app'
import { consumerRow, consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import { insertBankingConsumer, insertLedger, insufficientRights, ledgerRow } from '../helpers/money'
import { accountToken } from '../helpers/partners'
import { referenceErrors } from '../helpers/reference'
import { consumers, ledgers, transactions } from '../../src/state/db/schema'
import { eq } from 'drizzle-orm'
import { tx } from '../../src/state/store'

const LEDGERS = '/api/partner/ledgers'

describe('POST /api/partner/ledgers/{ledgerId}/upgrade', () => {
  it('204 upgrades an active ledger; 409 LEDGER_ALREADY_UPGRADED, LEDGER_MUST_BE_ACTIVE; 404; 400 CONSUMER_NOT_FOUND', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: consumer.id, isUpgraded: false })
    const res = await w.call('POST', `${LEDGERS}/${ledger.id}/upgrade`, { token })
    expect(res.status).toBe(204)
    expect(ledgerRow(w, ledger.id).isUpgraded).toBe(true)
    const shown = (await (await w.call('GET', `${LEDGERS}/${ledger.id}`, { token })).json()) as { iban: string }
    expect(shown.iban).toBe(ledger.iban)
    await expectError(await w.call('POST', `${LEDGERS}/${ledger.id}/upgrade`, { token }), 409, 'LEDGER_ALREADY_UPGRADED', 'This ledger is already upgraded.')
    const pending = insertLedger(w, { consumerId: consumer.id, isUpgraded: false, status: 'PENDING', activationDate: null })
    await expectError(await w.call('POST', `${LEDGERS}/${pending.id}/upgrade`, { token }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    await expectError(await w.call('POST', `${LEDGERS}/${MISSING_ID}/upgrade`, { token }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    const orphan = insertLedger(w, { consumerId: consumer.id, isUpgraded: false })
    tx(w.store, () => w.store.db.update(ledgers).set({ endUserId: MISSING_ID }).where(eq(ledgers.id, orphan.id)).run())
    await expectBusiness400(await w.call('POST', `${LEDGERS}/${orphan.id}/upgrade`, { token }), 'CONSUMER_NOT_FOUND', 'endUserId', `Consumer with id ${MISSING_ID} was not found.`)
  })

  it('an end-user upgrades its own ledger; autoUpgrade after activation makes a later upgrade a 409', async () => {
    const w = makeWorld()
    const consumer = insertBankingConsumer(w)
    const token = await consumerToken(w, consumer)
    const created = await w.call('POST', LEDGERS, { token, body: { type: 'EUR_FRANCE', autoUpgrade: true } })
    const { id } = (await created.json()) as { id: string }
    await expectError(await w.call('POST', `${LEDGERS}/${id}/upgrade`, { token }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    w.store.clock.advance(2000)
    await expectError(await w.call('POST', `${LEDGERS}/${id}/upgrade`, { token }), 409, 'LEDGER_ALREADY_UPGRADED', 'This ledger is already upgraded.')
  })
})

describe('ledger suspensions', () => {
  it('a partner suspends (PARTNER by default) and lifts; the ledger shows suspensionsInformation meanwhile', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    w.store.clock.advance(1000)
    const res = await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token, body: { reason: 'Fraud suspicion' } })
    expect(res.status).toBe(204)
    const suspended = (await (await w.call('GET', `${LEDGERS}/${ledger.id}`, { token })).json()) as Record<string, unknown>
    expect(suspended).toMatchObject({ status: 'SUSPENDED', suspensionsInformation: [{ date: '2026-01-15T10:00:01.000Z', reason: 'Fraud suspicion', operator: 'PARTNER' }] })
    expect(referenceErrors('GET', `${LEDGERS}/{ledgerId}`, 200, suspended)).toEqual([])
    await expectError(await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token, body: { reason: 'again', operator: 'END_USER' } }), 409, 'LEDGER_MUST_NOT_BE_SUSPENDED', 'Ledger must not be suspended to do this operation.')
    // Lifting another operator's (absent) suspension changes nothing.
    expect((await w.call('DELETE', `${LEDGERS}/${ledger.id}/suspensions/END_USER`, { token })).status).toBe(204)
    expect(ledgerRow(w, ledger.id).status).toBe('SUSPENDED')
    expect((await w.call('DELETE', `${LEDGERS}/${ledger.id}/suspensions/PARTNER`, { token })).status).toBe(204)
    expect(ledgerRow(w, ledger.id)).toMatchObject({ status: 'ACTIVE', suspensions: [] })
  })

  it('403 INSUFFICIENT_RIGHTS: LINKCY for anyone, PARTNER for an end-user; an end-user suspends and lifts as END_USER', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const token = await consumerToken(w, consumer)
    const ledger = insertLedger(w, { consumerId: consumer.id })
    await expectError(await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token: partner, body: { reason: 'x', operator: 'LINKCY' } }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('PARTNER'))
    await expectError(await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token, body: { reason: 'x', operator: 'PARTNER' } }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    expect((await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token, body: { reason: 'Lost my phone' } })).status).toBe(204)
    expect(ledgerRow(w, ledger.id).suspensions).toMatchObject([{ operator: 'END_USER', reason: 'Lost my phone' }])
    await expectError(await w.call('DELETE', `${LEDGERS}/${ledger.id}/suspensions/PARTNER`, { token }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    await expectError(await w.call('DELETE', `${LEDGERS}/${ledger.id}/suspensions/LINKCY`, { token: partner }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('PARTNER'))
    expect((await w.call('DELETE', `${LEDGERS}/${ledger.id}/suspensions/END_USER`, { token })).status).toBe(204)
    expect(ledgerRow(w, ledger.id).status).toBe('ACTIVE')
    expect((await w.call('DELETE', `${LEDGERS}/${ledger.id}/suspensions/SOMEONE`, { token })).status).toBe(400)
  })

  it('404 LEDGER_NOT_FOUND (another partner\'s too), 409 LEDGER_MUST_NOT_BE_CLOSED, 400 without reason', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const closed = insertLedger(w, { consumerId: insertBankingConsumer(w).id, status: 'CLOSED' })
    await expectError(await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token: await w.partnerToken(OTHER), body: { reason: 'x' } }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${ledger.id} was not found.`)
    await expectError(await w.call('POST', `${LEDGERS}/${closed.id}/suspensions`, { token, body: { reason: 'x' } }), 409, 'LEDGER_MUST_NOT_BE_CLOSED', 'Ledger must not be closed to do this operation.')
    const noReason = await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token, body: {} })
    expect(noReason.status).toBe(400)
    expect(await noReason.json()).toMatchObject({ details: [{ field: 'reason', message: 'must not be null' }] })
  })

  it('a ledger suspended while PENDING activates underneath and is ACTIVE once lifted', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const { id } = (await (await w.call('POST', LEDGERS, { token, body: { endUserId: consumer.id, type: 'EUR_FRANCE', autoUpgrade: true } })).json()) as { id: string }
    expect((await w.call('POST', `${LEDGERS}/${id}/suspensions`, { token, body: { reason: 'review' } })).status).toBe(204)
    w.store.clock.advance(5000)
    await w.call('GET', `${LEDGERS}/${id}`, { token })
    expect(ledgerRow(w, id)).toMatchObject({ status: 'SUSPENDED', isUpgraded: true })
    await w.call('DELETE', `${LEDGERS}/${id}/suspensions/PARTNER`, { token })
    expect(ledgerRow(w, id).status).toBe('ACTIVE')
  })

  it('a partner user without LEDGER_SUSPEND gets a plain 403', async () => {
    const w = makeWorld()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const { token } = await accountToken(w, ['LEDGER_INFO'], 'viewer@sandbox.test')
    const res = await w.call('POST', `${LEDGERS}/${ledger.id}/suspensions`, { token, body: { reason: 'x' } })
    expect(res.status).toBe(403)
    expect((await w.call('GET', `${LEDGERS}/${ledger.id}`, { token })).status).toBe(200)
  })
})

describe('POST /api/partner/ledgers/{ledgerId}/close', () => {
  it('an empty ledger goes CLOSING then CLOSED after 2 s, with closeInformation; closing again is 409', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const res = await w.call('POST', `${LEDGERS}/${ledger.id}/close`, { token, body: { operator: 'PARTNER', reason: 'Customer left' } })
    expect(res.status).toBe(204)
    const closing = (await (await w.call('GET', `${LEDGERS}/${ledger.id}`, { token })).json()) as Record<string, unknown>
    expect(closing).toMatchObject({ status: 'CLOSING', closeInformation: { operator: 'PARTNER', reason: 'Customer left', date: '2026-01-15T10:00:00.000Z' } })
    expect(referenceErrors('GET', `${LEDGERS}/{ledgerId}`, 200, closing)).toEqual([])
    await expectError(await w.call('POST', `${LEDGERS}/${ledger.id}/close`, { token, body: { operator: 'PARTNER' } }), 409, 'LEDGER_MUST_NOT_BE_CLOSED', 'Ledger must not be closed to do this operation.')
    w.store.clock.advance(2000)
    expect(((await (await w.call('GET', `${LEDGERS}/${ledger.id}`, { token })).json()) as { status: string }).status).toBe('CLOSED')
    await expectError(await w.call('POST', `${LEDGERS}/${ledger.id}/close`, { token, body: {} }), 409, 'LEDGER_MUST_NOT_BE_CLOSED', 'Ledger must not be closed to do this operation.')
  })

  it('409 LEDGER_MUST_BE_EMPTY with money or a pending transaction; 403 for LINKCY; 404', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const funded = insertLedger(w, { consumerId: consumer.id, available: 0.01 })
    await expectError(await w.call('POST', `${LEDGERS}/${funded.id}/close`, { token, body: { operator: 'END_USER' } }), 409, 'LEDGER_MUST_BE_EMPTY', `All balances of the ledger ${funded.id} must be empty.`)
    const reserved = insertLedger(w, { consumerId: consumer.id, reservedCents: 500 })
    await expectError(await w.call('POST', `${LEDGERS}/${reserved.id}/close`, { token, body: { operator: 'END_USER' } }), 409, 'LEDGER_MUST_BE_EMPTY', `All balances of the ledger ${reserved.id} must be empty.`)
    const waiting = insertLedger(w, { consumerId: consumer.id })
    tx(w.store, () => w.store.db.insert(transactions).values({
      id: w.store.rng.uuid(), partnerId: waiting.partnerId, type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_RECEIVE', status: 'PENDING', amountCents: 100,
      currency: 'EUR', receiverLedgerId: waiting.id, sender: {}, receiver: {}, information: {}, details: {}, creationDate: 0, updateDate: 0,
    }).run())
    await expectError(await w.call('POST', `${LEDGERS}/${waiting.id}/close`, { token, body: { operator: 'END_USER' } }), 409, 'LEDGER_MUST_BE_EMPTY', `All balances of the ledger ${waiting.id} must be empty.`)
    await expectError(await w.call('POST', `${LEDGERS}/${funded.id}/close`, { token, body: { operator: 'LINKCY' } }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('PARTNER'))
    await expectError(await w.call('POST', `${LEDGERS}/${MISSING_ID}/close`, { token, body: { operator: 'PARTNER' } }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    const own = await consumerToken(w, consumer)
    await expectError(await w.call('POST', `${LEDGERS}/${funded.id}/close`, { token: own, body: { operator: 'PARTNER' } }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    const tooLong = await w.call('POST', `${LEDGERS}/${funded.id}/close`, { token, body: { operator: 'PARTNER', reason: 'x'.repeat(512) } })
    await expectBusiness400(tooLong, 'TOO_LONG_FIELD', 'reason', 'For the field reason, the maximum allowed size is 511 but the size was 512.')
  })

  it('a classic ledger closes only when its virtual ledgers are empty too, and they close with it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const parent = insertLedger(w, { consumerId: consumer.id })
    const child = (columns: Record<string, unknown>) => insertLedger(w, { consumerId: consumer.id, parentId: parent.id, iban: null, isUpgraded: false, ...columns })
    const savings = child({ available: 12.5 })
    const empty = child({})
    const closedBefore = child({ status: 'CLOSED' })
    const close = () => w.call('POST', `${LEDGERS}/${parent.id}/close`, { token, body: { operator: 'PARTNER', reason: 'Customer left' } })
    await expectError(await close(), 409, 'LEDGER_MUST_BE_EMPTY', `All balances of the ledger ${savings.id} must be empty.`)
    expect(ledgerRow(w, parent.id).status).toBe('ACTIVE')
    tx(w.store, () => w.store.db.update(ledgers).set({ availableCents: 0 }).where(eq(ledgers.id, savings.id)).run())
    expect((await close()).status).toBe(204)
    expect([parent, savings, empty].map((l) => ledgerRow(w, l.id).status)).toEqual(['CLOSING', 'CLOSING', 'CLOSING'])
    w.store.clock.advance(2000)
    await w.call('GET', `${LEDGERS}/${parent.id}`, { token })
    expect([parent, savings, empty, closedBefore].map((l) => ledgerRow(w, l.id).status)).toEqual(['CLOSED', 'CLOSED', 'CLOSED', 'CLOSED'])
    expect(ledgerRow(w, savings.id).closeInformation).toMatchObject({ operator: 'PARTNER', reason: 'Customer left' })
  })

  it('PATCH of a closing or closed ledger is 409 LEDGER_MUST_NOT_BE_CLOSED; nothing changes', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    for (const status of ['CLOSED', 'CLOSING']) {
      const ledger = insertLedger(w, { consumerId: consumer.id, status, friendlyName: 'Old' })
      await expectError(await w.call('PATCH', `${LEDGERS}/${ledger.id}`, { token, body: { friendlyName: 'Renamed' } }), 409, 'LEDGER_MUST_NOT_BE_CLOSED', 'Ledger must not be closed to do this operation.')
      await expectError(await w.call('PATCH', `${LEDGERS}/${ledger.id}`, { token: await consumerToken(w, consumer), body: { friendlyName: 'Renamed' } }), 409, 'LEDGER_MUST_NOT_BE_CLOSED', 'Ledger must not be closed to do this operation.')
      expect(ledgerRow(w, ledger.id).friendlyName).toBe('Old')
    }
  })

  it('a ledger created while the end-user lost its LinkCy validation FAILS at activation', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const { id } = (await (await w.call('POST', LEDGERS, { token, body: { endUserId: consumer.id, type: 'EUR_FRANCE' } })).json()) as { id: string }
    tx(w.store, () => w.store.db.update(consumers).set({ linkcyStatus: 'FORBIDDEN' }).where(eq(consumers.id, consumer.id)).run())
    w.store.clock.advance(2000)
    expect(((await (await w.call('GET', `${LEDGERS}/${id}`, { token })).json()) as { status: string }).status).toBe('FAILED')
    expect(consumerRow(w, consumer.id).linkcyStatus).toBe('FORBIDDEN')
  })
})

describe('POST /api/partner/ledgers/credit (sandbox)', () => {
  it('credits an active ledger with a booked SCT_RECEIVE; the balance and the transaction show it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id, available: 10 })
    const res = await w.call('POST', `${LEDGERS}/credit`, { token, body: { ledgerId: ledger.id, amount: 999.99 } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { ledgerId: string; transactionId: string }
    expect(referenceErrors('POST', `${LEDGERS}/credit`, 200, body)).toEqual([])
    expect(body.ledgerId).toBe(ledger.id)
    expect(ledgerRow(w, ledger.id).availableCents).toBe(100_999)
    const row = w.store.db.select().from(transactions).where(eq(transactions.id, body.transactionId)).get()!
    expect(row).toMatchObject({ type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_RECEIVE', status: 'APPROVED', amountCents: 99_999, receiverLedgerId: ledger.id })
    const info = (await (await w.call('GET', `${LEDGERS}/${ledger.id}`, { token })).json()) as Record<string, unknown>
    expect(info).toMatchObject({ availableAmount: 1009.99, totalAmount: 1009.99, reservedAmount: 0 })
  })

  it('400 above 1000, at or below 0, or with 3 decimals; 404 LEDGER_NOT_FOUND; 409 LEDGER_MUST_BE_ACTIVE', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const outOfBounds = 'numeric value out of bounds (<13 digits>.<2 digits> expected)'
    for (const [amount, message] of [
      [1000.01, 'must be less than or equal to 1000'], [0, 'must be greater than 0'], [-5, 'must be greater than 0'], [1.001, outOfBounds],
      [999.999999999, outOfBounds], [1e-9, outOfBounds], // used to credit 1000.00 (above the maximum) and 0
    ] as const) {
      const res = await w.call('POST', `${LEDGERS}/credit`, { token, body: { ledgerId: ledger.id, amount } })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ details: [{ field: 'amount', message }], error: 'linkcy.bad.request' })
    }
    expect((await w.call('POST', `${LEDGERS}/credit`, { token, body: { ledgerId: ledger.id, amount: 1000 } })).status).toBe(200)
    await expectError(await w.call('POST', `${LEDGERS}/credit`, { token, body: { ledgerId: MISSING_ID, amount: 5 } }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    await expectError(await w.call('POST', `${LEDGERS}/credit`, { token: await w.partnerToken(OTHER), body: { ledgerId: ledger.id, amount: 5 } }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${ledger.id} was not found.`)
    const pending = insertLedger(w, { consumerId: insertBankingConsumer(w).id, status: 'PENDING', activationDate: null })
    await expectError(await w.call('POST', `${LEDGERS}/credit`, { token, body: { ledgerId: pending.id, amount: 5 } }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    expect(ledgerRow(w, pending.id).availableCents).toBe(0)
  })
})
