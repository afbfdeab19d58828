import { z } from '@hono/zod-openapi'
import { AMOUNT_OUT_OF_BOUNDS, centsOf, fromCents } from '../../state/money'
import { TRANSACTION_STATUSES } from '../../state/transactions'
import { idResponse, pageOf, pagingQuery, queryBoolean, queryList, single, uuid } from '../openapi'

// Tag Transaction: request schemas (LinkCy's field names, patterns and enums) and the response
// schemas of the six transaction kinds. The wire objects come from presentTransaction
// (state/transactions-present.ts).

export const TRANSACTION_TYPES = [
  'CARD_AUTHORIZATION', 'CARD_CLEARING', 'SEPA_DIRECT_DEBIT', 'INTER_LEDGER', 'ACQUIRING', 'FX', 'SEPA_CREDIT_TRANSFER', 'UK_CREDIT_TRANSFER', 'UNKNOWN',
] as const

export const PAYMENT_TYPES = [
  'MONEY_TRANSFER', 'TECH_MVC_CREATION', 'TECH_TRANSACTION', 'ACCOUNT_LOAD', 'PAYMENT', 'ACCOUNT_FUNDING', 'ACCOUNT_TRANSFER',
  'ACCOUNT_VERIFICATION', 'ADJUSTMENT_CREDIT', 'ADJUSTMENT_DEBIT', 'CASH_ADVANCE', 'CARD_LOAD', 'CARD_UNLOAD', 'CHECK_DEPOSIT', 'DEPOSIT',
  'FEE_COLLECTION', 'ORIGINAL_CREDIT', 'PAYMENT_TRANSACTION', 'PURCHASE', 'PURCHASE_RETURN_OR_REFUND', 'PURCHASE_WITH_CASHBACK',
  'QUASI_CASH', 'UNIQUE_MCC_TRANSACTION', 'WITHDRAWAL', 'TECH_CARD_SETTLEMENT', 'SCT_RECEIVE', 'SCT_INST_RECEIVE', 'SCT_SEND',
  'SCT_INST_SEND', 'SDD_SEND', 'SDD_RECEIVE', 'BACS_RECEIVE', 'FASTER_PAYMENT_RECEIVE', 'BACS_SEND', 'FASTER_PAYMENT_SEND',
  'GLOBAL_SWIFT', 'UNKNOWN',
] as const

/** ISO local date-time with optional seconds, fraction and offset ("2022-05-16T10:30" as documented); no offset means UTC. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?$/

/**
 * Epoch ms of a DATE_TIME text; NaN when malformed or impossible (2026-11-31, 24:00, 10:60, an
 * offset beyond ±18:00): java.time refuses what Date.parse would roll over to the next day.
 */
function parseDateTime(text: string): number {
  const m = DATE_TIME.exec(text)
  if (!m) return Number.NaN
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number]
  const calendar = new Date(0)
  calendar.setUTCFullYear(year, month - 1, day) // (Date.UTC would read years 0–99 as 1900–1999)
  const validDay = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day
  const validOffset = m[9] === undefined || Number(m[9]) * 60 + Number(m[10]) <= 18 * 60
  if (!validDay || hour > 23 || minute > 59 || second > 59 || Number(m[10] ?? 0) > 59 || !validOffset) return Number.NaN
  return Date.parse(m[8] ? text : `${text}Z`)
}

/** A date-time query parameter (startDate / endDate) as epoch ms; an unparsable one is a 400. */
const queryDateTime = () =>
  single(
    z.string().refine((s) => !Number.isNaN(parseDateTime(s)), 'must be a valid date-time').transform(parseDateTime).optional(),
    { type: 'string', format: 'date-time' },
  )

export const ListTransactionsQuerySchema = z.object({
  ...pagingQuery(['CREATION_DATE'] as const),
  endUserId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  ledgerId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  cardId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  transactionTypes: queryList(z.enum(TRANSACTION_TYPES)),
  paymentTypes: queryList(z.enum(PAYMENT_TYPES)),
  showReleasedTransaction: queryBoolean(),
  showDeclinedTransaction: queryBoolean(),
  startDate: queryDateTime(),
  endDate: queryDateTime(),
  status: queryList(z.enum(TRANSACTION_STATUSES)),
})

export const TransactionIdParamSchema = z.object({
  transactionId: uuid().openapi({ param: { name: 'transactionId', in: 'path' } }),
})

/**
 * A money amount of a request, as exact cents: a number > 0 with at most 2 decimals and 13 integer
 * digits (a DECIMAL(15,2): "numeric value out of bounds" otherwise, nothing rounded), and at most
 * `maxCents` when given ("must be less than or equal to" the maximum).
 */
export const amountInCents = (maxCents?: number) =>
  z
    .number()
    .transform((n, ctx) => {
      const cents = centsOf(n)
      const problem =
        cents === null ? AMOUNT_OUT_OF_BOUNDS
          : cents <= 0 ? 'must be greater than 0'
            : maxCents !== undefined && cents > maxCents ? `must be less than or equal to ${fromCents(maxCents)}` : null
      if (problem === null) return cents as number
      ctx.addIssue({ code: 'custom', message: problem, input: n })
      return z.NEVER
    })

/** A transfer amount: a positive number with at most 2 decimals, as cents. */
export const transferAmount = () => amountInCents().openapi({ type: 'number', example: 15.21 })

/** The payment reference: up to 18 characters of LinkCy's SEPA character set. */
const reference = z.string().max(18).regex(/^[.'a-zA-ZÀ-ÿ0-9,? ]*$/).optional()

export const BeneficiaryTransactionCreateRequestSchema = z
  .object({
    amount: transferAmount(),
    beneficiaryId: uuid(),
    ledgerFromId: uuid(),
    reference,
    allowFastPayment: z.boolean().default(true),
    allowInterLedger: z.boolean().default(true),
  })
  .openapi('BeneficiaryTransactionCreateRequest')

export const InterLedgerTransactionCreateRequestSchema = z
  .object({ ledgerFromId: uuid(), ledgerToId: uuid(), amount: transferAmount(), reference })
  .openapi('InterLedgerTransactionCreateRequest')

export const TransactionCreatedSchema = idResponse('TransactionCreateResponse')

// Response schemas (documentation of the simulator's own OpenAPI; the reference's anyOf of six kinds).
const status = z.enum(TRANSACTION_STATUSES)
const info = {
  originalAmount: z.number(), originalCurrency: z.string(), conversionRate: z.string(),
  declineReason: z.string().optional(), note: z.string().optional(),
}
const actor = { name: z.string().optional(), ledgerId: z.string().optional(), endUserId: z.string().optional(), ledgerFriendlyName: z.string().optional() }
const common = { id: z.string().uuid(), paymentType: z.string(), status, creationDate: z.string(), amount: z.number(), currency: z.string() }

const InterLedgerTransactionSchema = z
  .object({
    ...common, type: z.literal('INTER_LEDGER'),
    information: z.object({ ...info, clearingDate: z.string(), reference: z.string().optional() }),
    sender: z.object(actor).optional(), receiver: z.object(actor).optional(),
  })
  .openapi('InterLedgerTransaction')

const sepaActor = { ...actor, bic: z.string().optional(), iban: z.string().optional() }
const SepaTransactionSchema = z
  .object({
    ...common, type: z.enum(['SEPA_CREDIT_TRANSFER', 'SEPA_DIRECT_DEBIT']),
    information: z.object({ ...info, clearingDate: z.string().optional(), reference: z.string().optional(), sequence: z.enum(['FIRST', 'RECURRING', 'FINAL', 'ONE_OFF', 'NONE']) }),
    sender: z.object(sepaActor).optional(), receiver: z.object({ ...sepaActor, beneficiaryId: z.string().optional() }).optional(),
  })
  .openapi('SepaTransaction')

const linked = z.object({ id: z.string(), date: z.string() }).optional()
const CardTransactionSchema = z
  .object({
    ...common, type: z.enum(['CARD_AUTHORIZATION', 'CARD_CLEARING']),
    information: z.object({ ...info, originalTransaction: linked, clearingTransaction: linked }),
    sender: z.object({ ...actor, cardId: z.string().optional(), cardFriendlyName: z.string().optional() }).optional(),
    receiver: z.object({ ...actor, cardId: z.string().optional(), cardFriendlyName: z.string().optional() }).optional(),
    merchant: z.object({ description: z.string(), id: z.string(), name: z.string(), city: z.string(), country: z.string(), categoryCode: z.string() }),
    cardDetails: z.record(z.string(), z.string()).optional(),
    direction: z.enum(['DEBIT', 'CREDIT']),
  })
  .openapi('CardTransaction')

const ukActor = { ...actor, sortCode: z.string().optional(), accountNumber: z.string().optional() }
const UkTransactionSchema = z
  .object({
    ...common, type: z.literal('UK_CREDIT_TRANSFER'),
    information: z.object({ ...info, clearingDate: z.string().optional(), reference: z.string().optional() }),
    sender: z.object({ ...ukActor, bic: z.string().optional(), iban: z.string().optional() }).optional(),
    receiver: z.object({ ...ukActor, beneficiaryId: z.string().optional() }).optional(),
  })
  .openapi('UkTransaction')

const OtherTransactionSchema = z
  .object({
    ...common, type: z.enum(['FX', 'UNKNOWN']),
    information: z.object({ ...info, clearingDate: z.string() }),
    sender: z.object(actor).optional(), receiver: z.object(actor).optional(),
  })
  .openapi('OtherTransaction')

const AcquiringTransactionSchema = z
  .object({
    ...common, type: z.literal('ACQUIRING'),
    information: z.object({ ...info, clearingDate: z.string().optional(), paymentDate: z.string().optional(), reference: z.string().optional() }),
    sender: z.object(actor).optional(), receiver: z.object(actor).optional(),
    details: z.record(z.string(), z.unknown()), netAmount: z.number().optional(), fees: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('AcquiringTransaction')

export const TransactionResponseSchema = z
  .union([InterLedgerTransactionSchema, SepaTransactionSchema, CardTransactionSchema, UkTransactionSchema, OtherTransactionSchema, AcquiringTransactionSchema])
  .openapi('TransactionResponse')

export const TransactionListResponseSchema = pageOf(TransactionResponseSchema).openapi('TransactionListResponse')
