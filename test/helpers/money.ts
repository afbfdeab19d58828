import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { beneficiaries, ledgers, mandates, partners } from '../../src/state/db/schema'
import { newAccountIdentifiers } from '../../src/state/iban-generator'
import { LEDGER_TYPE_INFO, type LedgerType } from '../../src/state/ledger-types'
import { tx } from '../../src/state/store'
import type { ConsumerRow } from '../../src/state/persons'
import type { TestWorld } from './app'
import { insertConsumer, type ConsumerOptions } from './consumers'
import { referenceErrors } from './reference'

// Money fixtures shared by the ledger, transaction, beneficiary and mandate tests: rows inserted
// straight into the database (independent of the routes under test). Add exports with str_replace.

export type LedgerRow = typeof ledgers.$inferSelect
export type BeneficiaryRow = typeof beneficiaries.$inferSelect

/** An account outside the simulator (Commerzbank's sample IBAN): the default payee and debtor of the fixtures. */
export const EXTERNAL_SEPA = { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } as const

/** The partner of a consumer row (fixtures belong to their owner's partner). */
function partnerOf(w: Pick<TestWorld, 'store'>, consumerId: string): string {
  return (w.store.sqlite.prepare('SELECT partner_id AS partnerId FROM consumers WHERE id = ?').get(consumerId) as { partnerId: string }).partnerId
}

/** A consumer who may bank: phone verified, KYC / LinkCy / banking / compliance VALIDATED, terms 1.0 accepted. */
export function insertBankingConsumer(w: TestWorld, options: ConsumerOptions = {}): ConsumerRow {
  return insertConsumer(w, {
    phoneVerified: true, kycStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED',
    complianceStatus: 'VALIDATED', lastTermsAccepted: '1.0', firstName: 'Jane', lastName: 'Doe', ...options,
  })
}

export interface LedgerOptions extends Partial<LedgerRow> {
  /** The owner (consumer id); its partner is taken from the consumer row unless partnerId is given. */
  consumerId: string
  /** Balance as decimal euros (sets availableCents), e.g. 100.5. */
  available?: number
}

/**
 * Inserts a ledger row: ACTIVE, upgraded with fresh account identifiers (EUR_FRANCE unless `type` says),
 * balance `availableCents` (or `available` euros), no limits of its own.
 */
export function insertLedger(w: Pick<TestWorld, 'store'>, options: LedgerOptions): LedgerRow {
  const { consumerId, available, ...columns } = options
  const now = w.store.clock.nowMs()
  const type = (columns.type ?? 'EUR_FRANCE') as LedgerType
  return tx(w.store, () => {
    const ids = newAccountIdentifiers(w.store, type)
    const row: LedgerRow = {
      id: w.store.rng.uuid(), partnerId: partnerOf(w, consumerId), endUserId: consumerId, endUserKind: 'CONSUMER', parentId: null,
      type, country: LEDGER_TYPE_INFO[type].country, currency: LEDGER_TYPE_INFO[type].currency,
      friendlyName: null, iban: ids.iban ?? null, bicOrSwift: ids.bicOrSwift, accountNumber: ids.accountNumber ?? null,
      sortCode: ids.sortCode ?? null, routingNumber: ids.routingNumber ?? null, status: 'ACTIVE', isUpgraded: true, autoUpgrade: true,
      limits: null, availableCents: available === undefined ? 0 : Math.round(available * 100), reservedCents: 0, suspensions: [],
      closeInformation: null, activationDate: now, creationDate: now, updateDate: now,
      ...columns,
    }
    w.store.db.insert(ledgers).values(row).run()
    return row
  })
}

/** The ledger row as stored now. */
export function ledgerRow(w: TestWorld, id: string): LedgerRow {
  return w.store.db.select().from(ledgers).where(eq(ledgers.id, id)).get()!
}

export interface BeneficiaryOptions extends Partial<BeneficiaryRow> {
  /** The owner (consumer id); its partner is taken from the consumer row. */
  consumerId: string
}

/** Inserts a SEPA beneficiary row: VALID, active, displayed, external IBAN unless `iban` / `ledgerId` say. */
export function insertBeneficiary(w: Pick<TestWorld, 'store'>, options: BeneficiaryOptions): BeneficiaryRow {
  const { consumerId, ...columns } = options
  const now = w.store.clock.nowMs()
  const row: BeneficiaryRow = {
    id: w.store.rng.uuid(), partnerId: partnerOf(w, consumerId), endUserId: consumerId, type: 'PERSON', name: 'John Payee', accountType: 'IBAN',
    iban: EXTERNAL_SEPA.iban, bicOrSwift: EXTERNAL_SEPA.bic, accountNumber: null, sortCode: null, status: 'VALID', active: true,
    display: true, ledgerId: null, data: {}, creationDate: now, updateDate: now,
    ...columns,
  }
  tx(w.store, () => w.store.db.insert(beneficiaries).values(row).run())
  return row
}

/** Linkcy-SCA-Strategy: BY_PASS, honoured by LinkCy's sandbox (and the simulator's default policy). */
export const BY_PASS = { 'Linkcy-SCA-Strategy': 'BY_PASS' } as const

/** Merges simulator settings into a partner's (by scenario name), as a scenario file would declare them. */
export function setPartnerSettings(w: TestWorld, partner: string, settings: Record<string, unknown>): void {
  const id = w.loaded.partners[partner]!.id
  const row = w.store.db.select().from(partners).where(eq(partners.id, id)).get()!
  tx(w.store, () => w.store.db.update(partners).set({ settings: { ...(row.settings as object), ...settings } }).where(eq(partners.id, id)).run())
}

/** Balances of a ledger in cents, checking available + reserved = total on the way. */
export function balancesCents(w: TestWorld, ledgerId: string): { available: number; reserved: number; total: number } {
  const row = ledgerRow(w, ledgerId)
  return { available: row.availableCents, reserved: row.reservedCents, total: row.availableCents + row.reservedCents }
}

/** POST /transactions (transfer to a beneficiary) with BY_PASS. */
export function postTransfer(w: TestWorld, token: string, body: Record<string, unknown>): Promise<Response> {
  return w.call('POST', '/api/partner/transactions', { token, body, headers: BY_PASS })
}

/** POST /transactions/inter-ledger with BY_PASS. */
export function postInterLedger(w: TestWorld, token: string, body: Record<string, unknown>): Promise<Response> {
  return w.call('POST', '/api/partner/transactions/inter-ledger', { token, body, headers: BY_PASS })
}

/** GET /transactions with a query string, asserting 200: the page. */
export async function listTransactionsPage(w: TestWorld, token: string, query = ''): Promise<{ content: Record<string, any>[]; totalElements: number; page: number; pageSize: number }> {
  const res = await w.call('GET', `/api/partner/transactions${query ? `?${query}` : ''}`, { token })
  if (res.status !== 200) throw new Error(`GET /transactions?${query}: ${res.status} ${await res.text()}`)
  return (await res.json()) as { content: Record<string, any>[]; totalElements: number; page: number; pageSize: number }
}

export type MandateRow = typeof mandates.$inferSelect

export interface MandateOptions extends Partial<MandateRow> {
  /** The creditor (consumer id); its partner is taken from the consumer row. */
  consumerId: string
}

/** Inserts a mandate row: ACTIVATED, recurring, debtor John Debtor with an external German IBAN, expiring in 2030. */
export function insertMandate(w: TestWorld, options: MandateOptions): MandateRow {
  const { consumerId, ...columns } = options
  const now = w.store.clock.nowMs()
  const row: MandateRow = {
    id: w.store.rng.uuid(), partnerId: partnerOf(w, consumerId), endUserId: consumerId, uniqueReference: `LKCYTEST${w.store.rng.digits(12)}`,
    status: 'ACTIVATED', friendlyName: null, debtorType: 'PERSON', debtorName: 'John Debtor', debtorIban: EXTERNAL_SEPA.iban,
    debtorBic: EXTERNAL_SEPA.bic, debtorLedgerId: null, recurring: true, expirationDate: '2030-12-31', creationDate: now, updateDate: now,
    ...columns,
  }
  tx(w.store, () => w.store.db.insert(mandates).values(row).run())
  return row
}

/** The mandate row as stored now. */
export function mandateRow(w: TestWorld, id: string): MandateRow {
  return w.store.db.select().from(mandates).where(eq(mandates.id, id)).get()!
}

/** Asserts a 201 `{id}` matching the reference's response of POST `referencePath`, and returns the id. */
export async function createdId(res: Response, referencePath: string): Promise<string> {
  expect(res.status, await res.clone().text()).toBe(201)
  const body = (await res.json()) as { id: string }
  expect(referenceErrors('POST', referencePath, 201, body)).toEqual([])
  return body.id
}

/**
 * GET of one resource (`template` is the reference's path, its `{...}` placeholder gets `id`), asserting
 * 200 and the reference's response schema: the body.
 */
export async function fetchResource(w: TestWorld, token: string, template: string, id: string): Promise<Record<string, any>> {
  const res = await w.call('GET', template.replace(/\{[^}]+\}/, id), { token })
  expect(res.status, await res.clone().text()).toBe(200)
  const body = (await res.json()) as Record<string, any>
  expect(referenceErrors('GET', template, 200, body)).toEqual([])
  return body
}

/** GET /transactions/{id}, asserting 200 and the reference's response schema: the transaction. */
export const fetchTransaction = (w: TestWorld, token: string, id: string) => fetchResource(w, token, '/api/partner/transactions/{transactionId}', id)

/** POST /_sim/clock/advance: simulated time moves on and the world catches up (scheduled jobs run). */
export async function advanceClock(w: TestWorld, seconds: number): Promise<void> {
  const res = await w.call('POST', '/_sim/clock/advance', { body: { seconds } })
  expect(res.status, await res.clone().text()).toBe(200)
}

/** LinkCy's INSUFFICIENT_RIGHTS message for a caller of this user type (PARTNER, CONSUMER). */
export const insufficientRights = (userType: string) => `Your current authentication (${userType}) does not have sufficient rights to perform this operation.`

/** The end-user standing refusals of state/end-user-checks.ts. */
export type StandingCode =
  | 'CONSUMER_KYC_MUST_BE_VALIDATED'
  | 'LINKCY_STATUS_MUST_BE_VALIDATED'
  | 'END_USER_MUST_NOT_BE_SUSPENDED'
  | 'BANKING_STATUS_MUST_BE_VALIDATED'
  | 'TERMS_AND_CONDITIONS_NOT_ACCEPTED'

/** LinkCy's message of a standing refusal of this consumer (its id and, where the message names it, its status). */
export function standingMessage(code: StandingCode, consumer: Pick<ConsumerRow, 'id' | 'linkcyStatus' | 'bankingStatus'>): string {
  switch (code) {
    case 'CONSUMER_KYC_MUST_BE_VALIDATED':
      return 'Consumer kyc must be validated.'
    case 'LINKCY_STATUS_MUST_BE_VALIDATED':
      return `The current linkcy status (${consumer.linkcyStatus}) of current end-user (id=${consumer.id}) does not allow this operation.`
    case 'END_USER_MUST_NOT_BE_SUSPENDED':
      return `End-user (with id ${consumer.id}) must not be suspended to do this operation.`
    case 'BANKING_STATUS_MUST_BE_VALIDATED':
      return `The current banking status (${consumer.bankingStatus}) of current end-user (id=${consumer.id}) does not allow this operation.`
    case 'TERMS_AND_CONDITIONS_NOT_ACCEPTED':
      return `The CONSUMER with id ${consumer.id} has not accepted the latest terms and conditions.`
  }
}
