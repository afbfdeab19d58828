import { z } from '@hono/zod-openapi'
import type { LedgerLimitsCents, Suspension } from '../../state/db/tables/ledgers'
import { CURRENCIES } from '../../state/enums'
import { LEDGER_COUNTRIES, LEDGER_STATUSES, OPERATORS } from '../../state/ledger-types'
import type { LedgerRow } from '../../state/ledgers'
import { amountsOf, fromCents } from '../../state/money'
import { compact, dateTime, idResponse, iso, pageOf } from '../openapi'

// Response schemas and presenters of the Ledger tag. A ledger shows its account identifiers only
// once upgraded, and its balances (totalAmount = availableAmount + reservedAmount) as numbers.

const SuspensionInfoSchema = z.object({ date: dateTime, reason: z.string().optional(), operator: z.enum(OPERATORS) }).openapi('SuspensionInfo')

const LedgerLimitsResponseSchema = z
  .object({
    ddTransactionLimit: z.number(),
    ddMonthlyLimit: z.number(),
    transactionLimit: z.number(),
    transactionDailyLimit: z.number(),
    transactionMonthlyLimit: z.number(),
  })
  .openapi('LedgerLimitsResponse')

/** LedgerResponseDto: a classic ledger, or a virtual one (with parentId). */
export const LedgerResponseSchema = z
  .object({
    id: z.string().uuid(),
    parentId: z.string().uuid().optional(),
    endUserId: z.string().uuid(),
    friendlyName: z.string().optional(),
    status: z.enum(LEDGER_STATUSES),
    currency: z.enum(CURRENCIES),
    country: z.enum(LEDGER_COUNTRIES),
    totalAmount: z.number(),
    availableAmount: z.number(),
    reservedAmount: z.number(),
    creationDate: dateTime,
    updateDate: dateTime,
    isUpgraded: z.boolean(),
    iban: z.string().optional(),
    bicOrSwift: z.string().optional(),
    accountNumber: z.string().optional(),
    sortCode: z.string().optional(),
    routingNumber: z.string().optional(),
    suspensionsInformation: z.array(SuspensionInfoSchema),
    limits: LedgerLimitsResponseSchema,
    closeInformation: SuspensionInfoSchema.optional(),
  })
  .openapi('LedgerResponse')

export const LedgerListElementSchema = z
  .object({
    id: z.string().uuid(),
    country: z.enum(LEDGER_COUNTRIES),
    currency: z.enum(CURRENCIES),
    isUpgraded: z.boolean(),
    endUser: z.object({ id: z.string().uuid() }),
    friendlyName: z.string().optional(),
    parentId: z.string().uuid().optional(),
    status: z.enum(LEDGER_STATUSES),
    creationDate: dateTime,
    endUserId: z.string().uuid().openapi({ deprecated: true }),
  })
  .openapi('LedgerListElement')

export const LedgerListResponseSchema = pageOf(LedgerListElementSchema).openapi('LedgerListResponse')

export const LedgerIdResponseSchema = idResponse('LedgerIdResponse')

export const LedgerCreditResponseSchema = z.object({ ledgerId: z.string().uuid(), transactionId: z.string().uuid() }).openapi('LedgerCreditResponse')

export const DocumentLinkResponseSchema = z.object({ url: z.string(), ttl: z.string() }).openapi('TemplateDocumentResponse')

const presentSuspension = (s: Suspension) => compact({ date: iso(s.date), reason: s.reason ?? undefined, operator: s.operator })

/** GET /ledgers/{ledgerId}: the ledger with its balances and effective limits (cents → amounts). */
export function presentLedger(ledger: LedgerRow, limits: LedgerLimitsCents): z.infer<typeof LedgerResponseSchema> {
  const shown = ledger.isUpgraded
  return compact({
    id: ledger.id,
    parentId: ledger.parentId ?? undefined,
    endUserId: ledger.endUserId,
    friendlyName: ledger.friendlyName ?? undefined,
    status: ledger.status as z.infer<typeof LedgerResponseSchema>['status'],
    currency: ledger.currency as z.infer<typeof LedgerResponseSchema>['currency'],
    country: ledger.country as z.infer<typeof LedgerResponseSchema>['country'],
    totalAmount: fromCents(ledger.availableCents + ledger.reservedCents),
    availableAmount: fromCents(ledger.availableCents),
    reservedAmount: fromCents(ledger.reservedCents),
    creationDate: iso(ledger.creationDate),
    updateDate: iso(ledger.updateDate),
    isUpgraded: ledger.isUpgraded,
    iban: shown ? (ledger.iban ?? undefined) : undefined,
    bicOrSwift: shown ? (ledger.bicOrSwift ?? undefined) : undefined,
    accountNumber: shown ? (ledger.accountNumber ?? undefined) : undefined,
    sortCode: shown ? (ledger.sortCode ?? undefined) : undefined,
    routingNumber: shown ? (ledger.routingNumber ?? undefined) : undefined,
    suspensionsInformation: ledger.suspensions.map(presentSuspension),
    limits: amountsOf(limits),
    closeInformation: ledger.closeInformation ? presentSuspension(ledger.closeInformation) : undefined,
  })
}

/** An element of GET /ledgers. */
export function presentLedgerListElement(ledger: LedgerRow): z.infer<typeof LedgerListElementSchema> {
  return compact({
    id: ledger.id,
    country: ledger.country as z.infer<typeof LedgerListElementSchema>['country'],
    currency: ledger.currency as z.infer<typeof LedgerListElementSchema>['currency'],
    isUpgraded: ledger.isUpgraded,
    endUser: { id: ledger.endUserId },
    friendlyName: ledger.friendlyName ?? undefined,
    parentId: ledger.parentId ?? undefined,
    status: ledger.status as z.infer<typeof LedgerListElementSchema>['status'],
    creationDate: iso(ledger.creationDate),
    endUserId: ledger.endUserId,
  })
}
