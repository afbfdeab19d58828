import { eq, or } from 'drizzle-orm'
import { transactions } from '../db/schema'
import { SimError, ValidationError } from '../errors'
import { holderName } from '../transfers-parties'
import { assertLedgerActive, assertLedgerUpgraded, getLedger, ledgerById, type LedgerRow } from '../ledgers'
import { getPartner } from '../partners'
import { endUserById } from '../end-users'
import type { Scope } from '../scope'
import type { Store } from '../store'
import { issueFileLink, type FileLinkRow } from './file-links'
import { SIM_BANK_NAME } from '../iban-generator'
import { isoDate } from '../transfers-calendar'
import { renderBankDetails } from './bank-details-pdf'
import { renderStatement, type StatementLine } from './statement-pdf'

// GET /documents/bank-details/{ledgerId} and /documents/ledger-statement/{ledgerId}: LinkCy answers
// a download link (state/documents/file-links.ts); the PDF is rendered when the link is fetched, as
// of the request's instant.

const DAY_MS = 24 * 3600 * 1000

/**
 * Bank details of an active ledger: 404 LEDGER_NOT_FOUND, 409 LEDGER_MUST_BE_ACTIVE, 409
 * UNSUPPORTED_IBAN_FORMAT for an account without an IBAN (USD, virtual), and SIM: 409
 * LEDGER_MUST_BE_UPGRADED while its IBAN is not assigned.
 */
export function requestBankDetails(store: Store, scope: Scope, ledgerId: string, origin: string): { url: string; ttl: string } {
  const ledger = getLedger(store, scope, ledgerId)
  assertLedgerActive(ledger)
  if (!ledger.iban || ledger.parentId) throw new SimError('UNSUPPORTED_IBAN_FORMAT', [ledger.id])
  assertLedgerUpgraded(ledger)
  return issueFileLink(store, origin, { partnerId: ledger.partnerId, kind: 'BANK_DETAILS', subjectId: ledger.id })
}

/**
 * A statement of the period (ISO dates, inclusive). SIM: defaults are the first day of the end
 * date's month and today; a start after the end is a 400.
 */
export function requestStatement(store: Store, scope: Scope, ledgerId: string, q: { startDate?: string; endDate?: string }, origin: string) {
  const ledger = getLedger(store, scope, ledgerId)
  const endDate = q.endDate ?? isoDate(store.clock.nowMs())
  const startDate = q.startDate ?? `${endDate.slice(0, 8)}01`
  if (startDate > endDate) throw new ValidationError([{ field: 'startDate', rejectedValue: startDate, message: 'must not be after endDate' }])
  return issueFileLink(store, origin, { partnerId: ledger.partnerId, kind: 'STATEMENT', subjectId: ledger.id, startDate, endDate })
}

/**
 * When a transaction moved money on the ledger: its clearing (booking) instant — an outgoing SCT
 * settles days after the request, a direct debit on its collection date — else its creation.
 */
function bookedAt(t: typeof transactions.$inferSelect): number {
  const clearing = t.information.clearingDate
  return typeof clearing === 'number' ? clearing : t.creationDate
}

/** How a booked transaction changed the ledger's total balance (0 for holds, declines, releases). */
function effectOn(ledgerId: string, t: typeof transactions.$inferSelect): number {
  if (t.status !== 'APPROVED' || t.type === 'CARD_AUTHORIZATION') return 0
  if (t.receiverLedgerId === ledgerId) return t.amountCents
  if (t.senderLedgerId === ledgerId) return -t.amountCents
  return 0
}

function labelOf(ledgerId: string, t: typeof transactions.$inferSelect): string {
  const incoming = t.receiverLedgerId === ledgerId
  const other = (incoming ? t.sender : t.receiver) as { name?: string }
  const reference = (t.information as { reference?: string }).reference
  const merchant = (t.details as { merchantName?: string }).merchantName
  return [merchant ?? other.name ?? t.type, reference].filter(Boolean).join(' - ')
}

/**
 * Renders a document's PDF as of its request. Statement lines are the approved movements dated by
 * when the money moved (bookedAt); the closing balance is today's total less what moved after the
 * period, the opening one the closing less the period's movements.
 */
export async function renderLedgerDocument(store: Store, doc: FileLinkRow): Promise<Buffer | undefined> {
  const ledger = ledgerById(store, doc.subjectId)
  if (!ledger) return undefined
  const partner = getPartner(store, ledger.partnerId)
  const owner = endUserById(store, ledger.endUserId)
  const holder = holderName(store, ledger) ?? owner?.id ?? ledger.endUserId
  const partnerName = partner.displayName ?? partner.name
  if (doc.kind === 'BANK_DETAILS') {
    return renderBankDetails({
      issuedAt: doc.createdAt, holderName: holder, holderAddress: owner?.address, iban: ledger.iban!, bic: ledger.bicOrSwift ?? '',
      bankName: SIM_BANK_NAME, partnerName, partnerAddress: partner.address, currency: ledger.currency,
      sortCode: ledger.sortCode, accountNumber: ledger.accountNumber,
    })
  }
  const startMs = Date.parse(`${doc.startDate}T00:00:00Z`)
  const endMs = Date.parse(`${doc.endDate}T00:00:00Z`) + DAY_MS
  const moves = store.db.select().from(transactions)
    .where(or(eq(transactions.senderLedgerId, ledger.id), eq(transactions.receiverLedgerId, ledger.id)))
    .orderBy(transactions.creationDate)
    .all()
    .map((t) => ({ t, at: bookedAt(t), cents: effectOn(ledger.id, t) }))
    .filter((m) => m.cents !== 0 && m.at >= startMs)
    .sort((a, b) => a.at - b.at)
  const total = ledger.availableCents + ledger.reservedCents
  const after = moves.filter((m) => m.at >= endMs).reduce((sum, m) => sum + m.cents, 0)
  const lines: StatementLine[] = moves
    .filter((m) => m.at < endMs)
    .map((m) => ({ date: m.at, label: labelOf(ledger.id, m.t), cents: m.cents }))
  const closingCents = total - after
  const openingCents = closingCents - lines.reduce((sum, l) => sum + l.cents, 0)
  return renderStatement({
    issuedAt: doc.createdAt, holderName: holder, holderAddress: owner?.address, partnerName,
    ledgerName: ledger.friendlyName ?? ledger.id, iban: ledger.isUpgraded ? (ledger.iban ?? undefined) : undefined,
    bic: ledger.isUpgraded ? (ledger.bicOrSwift ?? undefined) : undefined, currency: ledger.currency,
    startDate: doc.startDate!, endDate: doc.endDate!, openingCents, closingCents, lines,
  })
}
