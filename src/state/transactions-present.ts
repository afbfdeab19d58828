import type { TransactionParty } from './db/tables/transactions'
import { fromCents } from './money'
import { compact } from './objects'
import type { TransactionRow } from './transactions'

// The wire shape of a transaction (TransactionResponseDto_Partner): one of LinkCy's six kinds,
// chosen by the row's type: inter-ledger, SEPA (credit transfer and direct debit), card, UK,
// acquiring, and "other" (FX, UNKNOWN). Amounts leave as decimals from cents; dates as ISO-8601.

const iso = (ms: unknown): string | undefined => (typeof ms === 'number' ? new Date(ms).toISOString() : undefined)

const ACTOR = ['name', 'ledgerId', 'endUserId', 'ledgerFriendlyName'] as const
const SEPA_SENDER = [...ACTOR, 'bic', 'iban'] as const
const SEPA_RECEIVER = [...SEPA_SENDER, 'beneficiaryId'] as const
const CARD_ACTOR = [...ACTOR, 'cardId', 'cardFriendlyName'] as const
const UK_SENDER = [...ACTOR, 'sortCode', 'accountNumber', 'bic', 'iban'] as const
const UK_RECEIVER = [...ACTOR, 'sortCode', 'accountNumber', 'beneficiaryId'] as const

/** The members of a stored party a kind shows (the stored `bicOrSwift` is shown as `bic`). */
function party(stored: TransactionParty, fields: readonly string[]): Record<string, unknown> {
  const source: Record<string, unknown> = { ...stored, bic: stored.bic ?? stored.bicOrSwift }
  return compact(Object.fromEntries(fields.map((f) => [f, source[f]])))
}

/** A linked transaction of a card operation ({id, date}), stored as { id, date: epoch ms }. */
function linked(value: unknown): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined
  const { id, date } = value as { id?: string; date?: number }
  return id ? compact({ id, date: iso(date) }) : undefined
}

/** The `information` object every kind shares, plus the members that kind shows. */
function information(row: TransactionRow, extra: string[], clearingRequired: boolean): Record<string, unknown> {
  const info = row.information
  const originalCents = typeof info.originalAmountCents === 'number' ? info.originalAmountCents : row.amountCents
  const shown: Record<string, unknown> = {
    originalAmount: fromCents(originalCents),
    originalCurrency: typeof info.originalCurrency === 'string' ? info.originalCurrency : row.currency,
    conversionRate: typeof info.conversionRate === 'string' ? info.conversionRate : '1',
    declineReason: info.declineReason,
    note: info.note,
  }
  for (const key of extra) {
    if (key === 'clearingDate') shown.clearingDate = iso(info.clearingDate) ?? (clearingRequired ? iso(row.creationDate) : undefined)
    else if (key === 'originalTransaction' || key === 'clearingTransaction') shown[key] = linked(info[key])
    else shown[key] = info[key]
  }
  return compact(shown)
}

/**
 * GET /transactions and /transactions/{id}: a transaction in the branch of its kind. Absent optional
 * members are omitted; the members LinkCy requires are always there (an inter-ledger or "other"
 * transaction's clearingDate is its creation date until it is cleared, a SEPA one's sequence NONE).
 */
export function presentTransaction(row: TransactionRow): Record<string, unknown> {
  const base = {
    id: row.id,
    type: row.type,
    paymentType: row.paymentType,
    status: row.status,
    creationDate: iso(row.creationDate)!,
    amount: fromCents(row.amountCents),
    currency: row.currency,
  }
  const d = row.details
  switch (row.type) {
    case 'INTER_LEDGER':
      return {
        ...base,
        information: information(row, ['clearingDate', 'reference'], true),
        sender: party(row.sender, ACTOR),
        receiver: party(row.receiver, ACTOR),
      }
    case 'SEPA_CREDIT_TRANSFER':
    case 'SEPA_DIRECT_DEBIT':
      return {
        ...base,
        information: { sequence: 'NONE', ...information(row, ['clearingDate', 'reference', 'sequence'], false) },
        sender: party(row.sender, SEPA_SENDER),
        receiver: party(row.receiver, SEPA_RECEIVER),
      }
    case 'CARD_AUTHORIZATION':
    case 'CARD_CLEARING':
      return compact({
        ...base,
        information: information(row, ['originalTransaction', 'clearingTransaction'], false),
        sender: party(row.sender, CARD_ACTOR),
        receiver: party(row.receiver, CARD_ACTOR),
        merchant: d.merchant ?? { description: '', id: '', name: '', city: '', country: '', categoryCode: '' },
        cardDetails: d.cardDetails,
        direction: d.direction ?? 'DEBIT',
      })
    case 'UK_CREDIT_TRANSFER':
      return {
        ...base,
        information: information(row, ['clearingDate', 'reference'], false),
        sender: party(row.sender, UK_SENDER),
        receiver: party(row.receiver, UK_RECEIVER),
      }
    case 'ACQUIRING':
      return compact({
        ...base,
        information: information(row, ['clearingDate', 'paymentDate', 'reference'], false),
        sender: party(row.sender, ACTOR),
        receiver: party(row.receiver, ACTOR),
        details: d.acquiring ?? {},
        netAmount: typeof d.netAmountCents === 'number' ? fromCents(d.netAmountCents) : undefined,
        fees: d.fees,
      })
    default: // FX, UNKNOWN
      return {
        ...base,
        information: information(row, ['clearingDate'], true),
        sender: party(row.sender, ACTOR),
        receiver: party(row.receiver, ACTOR),
      }
  }
}
