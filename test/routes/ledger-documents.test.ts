import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { advanceClock, insertBankingConsumer, insertBeneficiary, insertLedger, postTransfer } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { pdfText } from '../helpers/pdf'
import { formatIban } from '../../src/state/iban'

const BANK_DETAILS = '/api/partner/documents/bank-details'
const STATEMENT = '/api/partner/documents/ledger-statement'

async function link(w: TestWorld, url: string, token: string): Promise<{ url: string; ttl: string }> {
  const res = await w.call('GET', url, { token })
  expect(res.status, await res.clone().text()).toBe(200)
  const body = (await res.json()) as { url: string; ttl: string }
  const refPath = url.startsWith(BANK_DETAILS) ? `${BANK_DETAILS}/{ledgerId}` : `${STATEMENT}/{ledgerId}`
  expect(referenceErrors('GET', refPath, 200, body)).toEqual([])
  return body
}

async function download(w: TestWorld, url: string): Promise<Buffer> {
  const res = await w.call('GET', new URL(url).pathname)
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toBe('application/pdf')
  return Buffer.from(await res.arrayBuffer())
}

describe('GET /api/partner/documents/bank-details/{ledgerId}', () => {
  it('answers a link to a PDF with the holder, the IBAN grouped by four, the BIC and the RIB parts', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w, { firstName: 'Alice', lastName: 'Martin' })
    const ledger = insertLedger(w, { consumerId: consumer.id })
    const { url, ttl } = await link(w, `${BANK_DETAILS}/${ledger.id}`, token)
    expect(ttl).toBe('PT15M')
    expect(url).toMatch(/^http:\/\/localhost\/files\/[0-9a-f-]{36}$/)
    const pdf = await download(w, url)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(pdf)
    expect(text).toContain(formatIban(ledger.iban!))
    expect(text).toContain('LKSBFRPP')
    expect(text).toContain('Alice Martin')
    expect(text).toContain(ledger.iban!.slice(4, 9)) // bank code
    expect(text).toContain(ledger.iban!.slice(25, 27)) // RIB key
    // Same world, same document: byte-identical.
    expect((await download(w, url)).equals(pdf)).toBe(true)
    // The link expires.
    w.store.clock.advance(15 * 60 * 1000)
    expect((await w.call('GET', new URL(url).pathname)).status).toBe(403)
    expect((await w.call('GET', `/files/${MISSING_ID}.pdf`)).status).toBe(404)
  })

  it('a GBP account shows its sort code and account number besides the IBAN', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id, type: 'GBP_GREAT_BRITAIN' })
    expect(ledger.sortCode).toMatch(/^\d{6}$/)
    const text = pdfText(await download(w, (await link(w, `${BANK_DETAILS}/${ledger.id}`, token)).url))
    expect(text).toContain(formatIban(ledger.iban!))
    expect(text).toContain('Sort code')
    expect(text).toContain(ledger.sortCode!.replace(/^(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3'))
    expect(text).toContain(ledger.accountNumber!)
    expect(text).toContain('GBP')
    expect(text).not.toContain('RIB key')
  })

  it('409 LEDGER_MUST_BE_ACTIVE, UNSUPPORTED_IBAN_FORMAT (USD), LEDGER_MUST_BE_UPGRADED; 404 LEDGER_NOT_FOUND', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const pending = insertLedger(w, { consumerId: consumer.id, status: 'PENDING', isUpgraded: false, activationDate: null })
    await expectError(await w.call('GET', `${BANK_DETAILS}/${pending.id}`, { token }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    const usd = insertLedger(w, { consumerId: consumer.id, type: 'USD_USA', currency: 'USD', country: 'USA', iban: null, accountNumber: '123456789012', routingNumber: '026009593' })
    await expectError(await w.call('GET', `${BANK_DETAILS}/${usd.id}`, { token }), 409, 'UNSUPPORTED_IBAN_FORMAT', `Iban format not supported for ledger ${usd.id}. Contact your customer care.`)
    const hidden = insertLedger(w, { consumerId: consumer.id, isUpgraded: false })
    await expectError(await w.call('GET', `${BANK_DETAILS}/${hidden.id}`, { token }), 409, 'LEDGER_MUST_BE_UPGRADED', 'Ledger must be upgraded to do this operation.')
    await expectError(await w.call('GET', `${BANK_DETAILS}/${MISSING_ID}`, { token }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    const mine = insertLedger(w, { consumerId: consumer.id })
    await expectError(await w.call('GET', `${BANK_DETAILS}/${mine.id}`, { token: await w.partnerToken(OTHER) }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${mine.id} was not found.`)
    const stranger = await consumerToken(w, insertBankingConsumer(w))
    await expectError(await w.call('GET', `${BANK_DETAILS}/${mine.id}`, { token: stranger }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${mine.id} was not found.`)
    await link(w, `${BANK_DETAILS}/${mine.id}`, await consumerToken(w, consumer))
  })
})

describe('GET /api/partner/documents/ledger-statement/{ledgerId}', () => {
  it('the PDF lists the period\'s movements with opening and closing balances', async () => {
    const w = makeWorld({ now: '2026-01-05T09:00:00Z' })
    const consumer = insertBankingConsumer(w, { firstName: 'Bob', lastName: 'Stone' })
    const ledger = insertLedger(w, { consumerId: consumer.id, friendlyName: 'Everyday', available: 100 })
    const credit = async (amount: number) => expect((await w.call('POST', '/api/partner/ledgers/credit', { token: await w.partnerToken(), body: { ledgerId: ledger.id, amount } })).status).toBe(200)
    await credit(50) // 5 January: before the period
    w.store.clock.advance(5 * 24 * 3600 * 1000)
    await credit(12.34) // 10 January: inside
    w.store.clock.advance(10 * 24 * 3600 * 1000)
    await credit(1) // 20 January: after
    const { url } = await link(w, `${STATEMENT}/${ledger.id}?startDate=2026-01-06&endDate=2026-01-15`, await w.partnerToken())
    const text = pdfText(await download(w, url))
    expect(text).toContain('Period: 2026-01-06 to 2026-01-15')
    expect(text).toContain('Bob Stone')
    expect(text).toContain(formatIban(ledger.iban!))
    expect(text).toContain('2026-01-10')
    expect(text).toContain('LINKCY SANDBOX')
    expect(text).toContain('150.00 EUR') // opening: 100 + 50
    expect(text).toContain('12.34 EUR')
    expect(text).toContain('162.34 EUR') // closing
    expect(text).not.toContain('1.00 EUR')
  })

  it('dates a movement by when the money moved: an SCT asked on Friday and settled on Monday is Monday\'s line', async () => {
    const w = makeWorld({ now: '2026-01-09T10:00:00Z' }) // a Friday: the SCT settles on Monday 12 January
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: consumer.id, available: 100 })
    const beneficiary = insertBeneficiary(w, { consumerId: consumer.id, name: 'Landlord' })
    expect((await postTransfer(w, token, { ledgerFromId: ledger.id, beneficiaryId: beneficiary.id, amount: 20 })).status).toBe(201)
    await advanceClock(w, 4 * 24 * 3600) // Tuesday 13 January
    const statement = async (startDate: string, endDate: string) =>
      pdfText(await download(w, (await link(w, `${STATEMENT}/${ledger.id}?startDate=${startDate}&endDate=${endDate}`, await w.partnerToken())).url))
    const week = await statement('2026-01-05', '2026-01-10')
    expect(week).toContain('No movement in this period.') // the money was only held on Friday
    expect(week).not.toContain('20.00 EUR')
    expect(week.match(/100\.00 EUR/g)).toHaveLength(2) // opening and closing
    const settled = await statement('2026-01-11', '2026-01-13')
    expect(settled).toContain('2026-01-12')
    expect(settled).toContain('Landlord')
    expect(settled).toContain('20.00 EUR')
    expect(settled).toContain('100.00 EUR') // opening
    expect(settled).toContain('80.00 EUR') // closing
  })

  it('defaults to the current month; 400 when the start is after the end or a date is malformed; 404', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const ledger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const text = pdfText(await download(w, (await link(w, `${STATEMENT}/${ledger.id}`, token)).url))
    expect(text).toContain('Period: 2026-01-01 to 2026-01-15')
    expect(text).toContain('No movement in this period.')
    const reversed = await w.call('GET', `${STATEMENT}/${ledger.id}?startDate=2026-02-01&endDate=2026-01-01`, { token })
    expect(reversed.status).toBe(400)
    expect(await reversed.json()).toMatchObject({ details: [{ field: 'startDate', message: 'must not be after endDate' }] })
    expect((await w.call('GET', `${STATEMENT}/${ledger.id}?startDate=01/02/2026`, { token })).status).toBe(400)
    await expectError(await w.call('GET', `${STATEMENT}/${MISSING_ID}`, { token }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    await expectError(await w.call('GET', `${STATEMENT}/${ledger.id}`, { token: await w.partnerToken(OTHER) }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${ledger.id} was not found.`)
  })
})
