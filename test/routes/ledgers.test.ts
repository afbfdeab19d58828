import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import { createdId, fetchResource, insertBankingConsumer, insertLedger, ledgerRow } from '../helpers/money'
import { partnerWith } from '../helpers/partners'
import { referenceErrors } from '../helpers/reference'
import { ibanProblem } from '../../src/state/iban'

const LEDGERS = '/api/partner/ledgers'

const create = async (w: TestWorld, token: string, body: Record<string, unknown>): Promise<string> => createdId(await w.call('POST', LEDGERS, { token, body }), LEDGERS)

const getLedger = (w: TestWorld, token: string, id: string) => fetchResource(w, token, `${LEDGERS}/{ledgerId}`, id)

describe('POST /api/partner/ledgers', () => {
  it('creates a PENDING ledger that becomes ACTIVE after 2 s of simulated time, upgraded when autoUpgrade', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const id = await create(w, token, { endUserId: consumer.id, type: 'EUR_FRANCE', friendlyName: 'Main', autoUpgrade: true })
    const pending = await getLedger(w, token, id)
    expect(pending).toEqual({
      id, endUserId: consumer.id, friendlyName: 'Main', status: 'PENDING', currency: 'EUR', country: 'FRANCE',
      totalAmount: 0, availableAmount: 0, reservedAmount: 0, creationDate: '2026-01-15T10:00:00.000Z', updateDate: '2026-01-15T10:00:00.000Z',
      isUpgraded: false, suspensionsInformation: [],
      limits: { ddTransactionLimit: 2000, ddMonthlyLimit: 10000, transactionLimit: 5000, transactionDailyLimit: 10000, transactionMonthlyLimit: 25000 },
    })
    w.store.clock.advance(1999)
    expect((await getLedger(w, token, id)).status).toBe('PENDING')
    w.store.clock.advance(1)
    const active = await getLedger(w, token, id)
    expect(active).toMatchObject({ status: 'ACTIVE', isUpgraded: true, bicOrSwift: 'LKSBFRPP', updateDate: '2026-01-15T10:00:02.000Z' })
    expect(active.iban).toMatch(/^FR\d{2}16958\d{18}$/)
    expect(ibanProblem(active.iban)).toBeNull()
  })

  it('without autoUpgrade the ledger is active but shows no account identifiers', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const id = await create(w, token, { endUserId: consumer.id, type: 'EUR_BELGIUM' })
    w.store.clock.advance(2000)
    const body = await getLedger(w, token, id)
    expect(body).toMatchObject({ status: 'ACTIVE', isUpgraded: false, country: 'BELGIUM', currency: 'EUR' })
    expect(body.iban).toBeUndefined()
    expect(body.bicOrSwift).toBeUndefined()
    expect(ledgerRow(w, id).iban).toMatch(/^BE\d{2}943\d{9}$/)
  })

  it('activation is immediate for a partner with ledgerActivationSeconds 0; own limits override the defaults', async () => {
    const w = makeWorld()
    const { token, partnerId } = await partnerWith(w, 'instant-bank', { ledgerActivationSeconds: 0, allowedLedgerTypes: ['USD_USA', 'GBP_GREAT_BRITAIN'] })
    const consumer = insertBankingConsumer(w, { partnerId })
    const id = await create(w, token, { endUserId: consumer.id, type: 'GBP_GREAT_BRITAIN', autoUpgrade: true, limits: { transactionLimit: 250.5, ddMonthlyLimit: null } })
    const body = await getLedger(w, token, id)
    expect(body).toMatchObject({ status: 'ACTIVE', isUpgraded: true, currency: 'GBP', country: 'GREAT_BRITAIN', bicOrSwift: 'LKSBGB2L' })
    expect(body.limits).toMatchObject({ transactionLimit: 250.5, ddMonthlyLimit: 10000 })
    expect(body.sortCode).toMatch(/^\d{6}$/)
    expect(body.accountNumber).toMatch(/^\d{8}$/)
    expect(ibanProblem(body.iban)).toBeNull()
    const usd = await getLedger(w, token, await create(w, token, { endUserId: consumer.id, type: 'USD_USA', autoUpgrade: true }))
    expect(usd).toMatchObject({ currency: 'USD', country: 'USA', routingNumber: '026009593', bicOrSwift: 'LKSBUS33' })
    expect(usd.iban).toBeUndefined()
    expect(usd.accountNumber).toMatch(/^\d{12}$/)
    await expectError(await w.call('POST', LEDGERS, { token, body: { endUserId: consumer.id, type: 'EUR_FRANCE' } }), 409, 'LEDGER_TYPE_NOT_ALLOWED', 'The ledger type EUR_FRANCE is not allowed')
  })

  it('an end-user creates its own ledger without endUserId (a body endUserId is ignored)', async () => {
    const w = makeWorld()
    const consumer = insertBankingConsumer(w)
    const other = insertBankingConsumer(w)
    const token = await consumerToken(w, consumer)
    const id = await create(w, token, { type: 'EUR_LITHUANIA', endUserId: other.id })
    expect(ledgerRow(w, id).endUserId).toBe(consumer.id)
    expect(ledgerRow(w, id).iban).toMatch(/^LT\d{2}39800\d{11}$/)
  })

  it('400 END_USER_ID_REQUIRED, END_USER_NOT_FOUND (also another partner\'s end-user), validation errors', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await expectBusiness400(await w.call('POST', LEDGERS, { token, body: { type: 'EUR_FRANCE' } }), 'END_USER_ID_REQUIRED', 'endUserId', 'Field endUserId is required when authenticated as PARTNER.')
    await expectBusiness400(await w.call('POST', LEDGERS, { token, body: { type: 'EUR_FRANCE', endUserId: MISSING_ID } }), 'END_USER_NOT_FOUND', 'endUserId', `End-user with id ${MISSING_ID} was not found.`)
    const foreign = insertBankingConsumer(w, { partner: 'other-sandbox' })
    await expectBusiness400(await w.call('POST', LEDGERS, { token, body: { type: 'EUR_FRANCE', endUserId: foreign.id } }), 'END_USER_NOT_FOUND', 'endUserId', `End-user with id ${foreign.id} was not found.`)
    const consumer = insertBankingConsumer(w)
    for (const body of [{ endUserId: consumer.id }, { endUserId: consumer.id, type: 'EUR_GERMANY' }, { endUserId: 'nope', type: 'EUR_FRANCE' },
      { endUserId: consumer.id, type: 'EUR_FRANCE', limits: { transactionLimit: 'many' } }, { endUserId: consumer.id, type: 'EUR_FRANCE', limits: { transactionLimit: 1.001 } }]) {
      const res = await w.call('POST', LEDGERS, { token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBe('linkcy.bad.request')
    }
    const long = await w.call('POST', LEDGERS, { token, body: { endUserId: consumer.id, type: 'EUR_FRANCE', friendlyName: 'x'.repeat(256) } })
    await expectBusiness400(long, 'TOO_LONG_FIELD', 'friendlyName', 'For the field friendlyName, the maximum allowed size is 255 but the size was 256.')
  })

  it('409 in the documented order: KYC, LinkCy status, suspension, banking status, terms', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const attempt = (id: string) => w.call('POST', LEDGERS, { token, body: { endUserId: id, type: 'EUR_FRANCE' } })
    await expectError(await attempt(insertBankingConsumer(w, { kycStatus: 'PENDING_REVIEW', linkcyStatus: 'PENDING' }).id), 409, 'CONSUMER_KYC_MUST_BE_VALIDATED', 'Consumer kyc must be validated.')
    const pending = insertBankingConsumer(w, { linkcyStatus: 'PENDING', suspensionStatus: 'SUSPENDED' })
    await expectError(await attempt(pending.id), 409, 'LINKCY_STATUS_MUST_BE_VALIDATED', `The current linkcy status (PENDING) of current end-user (id=${pending.id}) does not allow this operation.`)
    const suspended = insertBankingConsumer(w, { suspensionStatus: 'SUSPENDED', bankingStatus: 'PENDING' })
    await expectError(await attempt(suspended.id), 409, 'END_USER_MUST_NOT_BE_SUSPENDED', `End-user (with id ${suspended.id}) must not be suspended to do this operation.`)
    const banking = insertBankingConsumer(w, { bankingStatus: 'PENDING', lastTermsAccepted: null })
    await expectError(await attempt(banking.id), 409, 'BANKING_STATUS_MUST_BE_VALIDATED', `The current banking status (PENDING) of current end-user (id=${banking.id}) does not allow this operation.`)
    const terms = insertBankingConsumer(w, { lastTermsAccepted: '0.9' })
    await expectError(await attempt(terms.id), 409, 'TERMS_AND_CONDITIONS_NOT_ACCEPTED', `The CONSUMER with id ${terms.id} has not accepted the latest terms and conditions.`)
  })

  it('409 FRIENDLY_NAME_ALREADY_TAKEN per end-user (before LEDGER_TYPE_NOT_ALLOWED); another end-user may reuse it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    await create(w, token, { endUserId: consumer.id, type: 'EUR_FRANCE', friendlyName: 'Savings' })
    const dup = await w.call('POST', LEDGERS, { token, body: { endUserId: consumer.id, type: 'USD_USA', friendlyName: 'Savings' } })
    await expectError(dup, 409, 'FRIENDLY_NAME_ALREADY_TAKEN', 'Ledger with this friendly name already exists.')
    await expectError(await w.call('POST', LEDGERS, { token, body: { endUserId: consumer.id, type: 'USD_USA' } }), 409, 'LEDGER_TYPE_NOT_ALLOWED', 'The ledger type USD_USA is not allowed')
    await create(w, token, { endUserId: insertBankingConsumer(w).id, type: 'EUR_FRANCE', friendlyName: 'Savings' })
  })

  it('a virtual ledger hangs from a parent of the same end-user and has no account identifiers', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const parent = insertLedger(w, { consumerId: consumer.id })
    const id = await create(w, token, { parentLedgerId: parent.id, friendlyName: 'Pocket' })
    w.store.clock.advance(2000)
    const body = await getLedger(w, token, id)
    expect(body).toMatchObject({ parentId: parent.id, endUserId: consumer.id, status: 'ACTIVE', friendlyName: 'Pocket', currency: 'EUR' })
    expect(body.iban).toBeUndefined()
    const list = await w.call('GET', `${LEDGERS}?parentId=${parent.id}`, { token })
    expect(((await list.json()) as { content: { id: string }[] }).content.map((l) => l.id)).toEqual([id])
    await expectBusiness400(await w.call('POST', LEDGERS, { token, body: { parentLedgerId: MISSING_ID } }), 'LEDGER_NOT_FOUND', 'parentLedgerId', `Ledger with id ${MISSING_ID} was not found.`)
  })

  it('400 LEDGER_NOT_FOUND when a partner names a parent ledger of another end-user than endUserId; nothing is created', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const bob = insertBankingConsumer(w)
    const carol = insertBankingConsumer(w)
    const carolLedger = insertLedger(w, { consumerId: carol.id })
    const count = () => (w.store.sqlite.prepare('SELECT count(*) AS n FROM ledgers').get() as { n: number }).n
    const before = count()
    await expectBusiness400(await w.call('POST', LEDGERS, { token, body: { endUserId: bob.id, parentLedgerId: carolLedger.id } }), 'LEDGER_NOT_FOUND', 'parentLedgerId', `Ledger with id ${carolLedger.id} was not found.`)
    expect(count()).toBe(before)
    // With carol's endUserId (or none), the virtual ledger is hers.
    const id = await create(w, token, { endUserId: carol.id, parentLedgerId: carolLedger.id })
    expect(ledgerRow(w, id)).toMatchObject({ endUserId: carol.id, parentId: carolLedger.id })
    expect(ledgerRow(w, await create(w, token, { parentLedgerId: carolLedger.id }))).toMatchObject({ endUserId: carol.id })
  })

  it('400 for a body that is not valid UTF-8 (nothing stored); valid multi-byte text is kept as sent', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const send = (bytes: Uint8Array) => w.app.request(LEDGERS, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: bytes })
    const json = (friendlyName: string) => new TextEncoder().encode(JSON.stringify({ endUserId: consumer.id, type: 'EUR_FRANCE', friendlyName }))
    const withBytes = (bytes: number[]) => {
      const [head, tail] = new TextDecoder().decode(json('@@')).split('@@') as [string, string]
      return new Uint8Array([...new TextEncoder().encode(head), ...bytes, ...new TextEncoder().encode(tail)])
    }
    const count = () => (w.store.sqlite.prepare('SELECT count(*) AS n FROM ledgers').get() as { n: number }).n
    const before = count()
    for (const bytes of [[0xff, 0xfe], [0x41, 0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) { // stray bytes, a truncated sequence, a surrogate, an overlong form
      const res = await send(withBytes(bytes))
      expect(res.status, bytes.join(',')).toBe(400)
      expect(await res.json()).toMatchObject({ details: [{ field: 'body', rejectedValue: 'null', message: 'Malformed JSON request' }], error: 'linkcy.bad.request', status: 400 })
    }
    expect(count()).toBe(before)
    const res = await send(json('Épargne 🐖'))
    expect(res.status).toBe(201)
    expect(ledgerRow(w, ((await res.json()) as { id: string }).id).friendlyName).toBe('Épargne 🐖')
  })
})

describe('GET /api/partner/ledgers and /{ledgerId}', () => {
  it('lists with filters (endUserId, status, iban) and paging; the list element matches the reference', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = insertBankingConsumer(w)
    const b = insertBankingConsumer(w)
    const la = insertLedger(w, { consumerId: a.id, friendlyName: 'A' })
    w.store.clock.advance(1000)
    const lb = insertLedger(w, { consumerId: b.id, status: 'SUSPENDED' })
    insertLedger(w, { consumerId: insertBankingConsumer(w, { partner: 'other-sandbox' }).id })
    const list = async (query: string) => {
      const res = await w.call('GET', `${LEDGERS}${query}`, { token })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { content: Record<string, any>[]; totalElements: number; page: number; pageSize: number }
      expect(referenceErrors('GET', LEDGERS, 200, body)).toEqual([])
      return body
    }
    const all = await list('')
    expect(all).toMatchObject({ totalElements: 2, page: 0, pageSize: 20 })
    expect(all.content.map((l) => l.id)).toEqual([lb.id, la.id])
    expect(all.content[1]).toEqual({
      id: la.id, country: 'FRANCE', currency: 'EUR', isUpgraded: true, endUser: { id: a.id }, friendlyName: 'A', status: 'ACTIVE',
      creationDate: '2026-01-15T10:00:00.000Z', endUserId: a.id,
    })
    expect((await list('?sortDirection=ASC')).content.map((l) => l.id)).toEqual([la.id, lb.id])
    expect((await list(`?endUserId=${a.id}`)).content.map((l) => l.id)).toEqual([la.id])
    expect((await list('?status=SUSPENDED,PENDING')).content.map((l) => l.id)).toEqual([lb.id])
    const spaced = la.iban!.replace(/(.{4})/g, '$1 ').toLowerCase()
    expect((await list(`?iban=${encodeURIComponent(spaced)}`)).content.map((l) => l.id)).toEqual([la.id])
    expect(await list('?pageSize=1&page=1')).toMatchObject({ totalElements: 2, page: 1, pageSize: 1, content: [{ id: la.id }] })
    expect((await w.call('GET', `${LEDGERS}?status=OPEN`, { token })).status).toBe(400)
    expect((await w.call('GET', `${LEDGERS}?endUserId=nope`, { token })).status).toBe(400)
  })

  it('an end-user sees only its own ledgers; another end-user\'s or partner\'s ledger is 404 LEDGER_NOT_FOUND', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const other = await w.partnerToken(OTHER)
    const a = insertBankingConsumer(w)
    const b = insertBankingConsumer(w)
    const la = insertLedger(w, { consumerId: a.id })
    const lb = insertLedger(w, { consumerId: b.id })
    const token = await consumerToken(w, a)
    const own = await w.call('GET', `${LEDGERS}?endUserId=${b.id}`, { token })
    expect(((await own.json()) as { content: unknown[] }).content).toEqual([])
    expect(((await (await w.call('GET', LEDGERS, { token })).json()) as { content: { id: string }[] }).content.map((l) => l.id)).toEqual([la.id])
    await expectError(await w.call('GET', `${LEDGERS}/${lb.id}`, { token }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${lb.id} was not found.`)
    await expectError(await w.call('GET', `${LEDGERS}/${la.id}`, { token: other }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${la.id} was not found.`)
    await expectError(await w.call('GET', `${LEDGERS}/${MISSING_ID}`, { token: partner }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    expect((await w.call('GET', `${LEDGERS}/not-a-uuid`, { token: partner })).status).toBe(400)
    expect((await w.call('GET', `${LEDGERS}/${la.id}`)).status).toBe(401)
    expect((await getLedger(w, token, la.id.toUpperCase())).id).toBe(la.id)
  })
})

describe('PATCH /api/partner/ledgers/{ledgerId}', () => {
  it('updates the friendly name and limits (null resets a limit to the partner default); answers {id}', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: consumer.id, limits: { transactionLimit: 10_000 } })
    insertLedger(w, { consumerId: consumer.id, friendlyName: 'Taken' })
    w.store.clock.advance(60_000)
    const res = await w.call('PATCH', `${LEDGERS}/${ledger.id}`, { token, body: { friendlyName: 'Daily', limits: { transactionLimit: null, transactionDailyLimit: 300 } } })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ id: ledger.id })
    expect(referenceErrors('PATCH', `${LEDGERS}/{ledgerId}`, 200, body)).toEqual([])
    expect(await getLedger(w, token, ledger.id)).toMatchObject({
      friendlyName: 'Daily', updateDate: '2026-01-15T10:01:00.000Z', limits: { transactionLimit: 5000, transactionDailyLimit: 300 },
    })
    await expectError(await w.call('PATCH', `${LEDGERS}/${ledger.id}`, { token, body: { friendlyName: 'Taken' } }), 409, 'FRIENDLY_NAME_ALREADY_TAKEN', 'Ledger with this friendly name already exists.')
    await expectError(await w.call('PATCH', `${LEDGERS}/${MISSING_ID}`, { token, body: {} }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    const other = await w.partnerToken(OTHER)
    await expectError(await w.call('PATCH', `${LEDGERS}/${ledger.id}`, { token: other, body: { friendlyName: 'x' } }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${ledger.id} was not found.`)

    const own = await consumerToken(w, consumer)
    expect((await w.call('PATCH', `${LEDGERS}/${ledger.id}`, { token: own, body: { friendlyName: 'Mine' } })).status).toBe(200)
    const limits = await w.call('PATCH', `${LEDGERS}/${ledger.id}`, { token: own, body: { limits: { transactionLimit: 99999 } } })
    await expectError(limits, 403, 'INSUFFICIENT_RIGHTS', 'Your current authentication (CONSUMER) does not have sufficient rights to perform this operation.')
    expect(ledgerRow(w, ledger.id)).toMatchObject({ friendlyName: 'Mine', limits: { transactionDailyLimit: 30_000 } })
  })
})
