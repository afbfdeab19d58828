import { z } from '@hono/zod-openapi'
import { SANDBOX_CREDIT_MAX_CENTS } from '../../state/ledger-credit'
import { LEDGER_STATUSES, LEDGER_TYPES, OPERATORS } from '../../state/ledger-types'
import { pagingQuery, queryList, single, uuid } from '../openapi'
import { amountInCents } from '../transactions/transactions.schemas'

// Request schemas of the Ledger tag (and the sandbox ledger credit), with LinkCy's field names,
// lengths and enums. Optional members accept null (Jackson reads null as absent).

const limit = z.number().nonnegative().nullish()

/** LedgerLimitsRequestDto: each limit in the ledger's currency; absent or null = the partner's default. */
export const LedgerLimitsRequestSchema = z
  .object({
    ddTransactionLimit: limit,
    ddMonthlyLimit: limit,
    transactionLimit: limit,
    transactionDailyLimit: limit,
    transactionMonthlyLimit: limit,
  })
  .openapi('LedgerLimitsRequest')

/**
 * LedgerCreateRequestDto: a classic ledger (`type`, `endUserId` unless an end-user calls) or a
 * virtual one (`parentLedgerId`). SIM: with both, `parentLedgerId` wins.
 */
export const LedgerCreateRequestSchema = z
  .object({
    endUserId: uuid().nullish(),
    type: z.enum(LEDGER_TYPES).nullish(),
    parentLedgerId: uuid().nullish(),
    autoUpgrade: z.boolean().nullish(),
    friendlyName: z.string().max(255).nullish(),
    limits: LedgerLimitsRequestSchema.nullish(),
  })
  .superRefine((body, ctx) => {
    if (!body.type && !body.parentLedgerId) ctx.addIssue({ code: 'custom', path: ['type'], message: 'must not be null' })
  })
  .openapi('LedgerCreateRequest')

/** LedgerUpdateRequestDto. */
export const LedgerUpdateRequestSchema = z
  .object({
    friendlyName: z.string().max(255).nullish(),
    parentLedgerId: uuid().nullish(),
    limits: LedgerLimitsRequestSchema.nullish(),
  })
  .openapi('LedgerUpdateRequest')

const operator = z.enum(OPERATORS)

/** LedgerSuspendRequestDto / EndUserSuspensionRequestDto: a reason, and the operator (default: the caller's own). */
export const SuspendRequestSchema = z.object({ operator: operator.nullish(), reason: z.string() }).openapi('SuspendRequest')

/** LedgerCloseRequestDto: the operator closing (default END_USER) and a reason. */
export const LedgerCloseRequestSchema = z
  .object({ operator: operator.nullish().transform((v) => v ?? 'END_USER'), reason: z.string().max(511).nullish() })
  .openapi('LedgerCloseRequest')

/**
 * The amount of a sandbox credit, as cents (LinkCy: "at most 2 decimal places and at most 1000"):
 * POST /ledgers/credit and the Credit Ledger of POST /transactions/simulate.
 */
export const sandboxCreditAmount = () =>
  amountInCents(SANDBOX_CREDIT_MAX_CENTS).openapi({ type: 'number', maximum: SANDBOX_CREDIT_MAX_CENTS / 100, example: 100 })

/** LedgerCreditRequestDto (sandbox). */
export const LedgerCreditRequestSchema = z.object({ amount: sandboxCreditAmount(), ledgerId: uuid() }).openapi('LedgerCreditRequest')

export const LedgerIdParamSchema = z.object({ ledgerId: uuid().openapi({ param: { name: 'ledgerId', in: 'path' } }) })

export const LedgerOperatorParamSchema = z.object({
  ledgerId: uuid().openapi({ param: { name: 'ledgerId', in: 'path' } }),
  operator: operator.openapi({ param: { name: 'operator', in: 'path' } }),
})

export const ListLedgersQuerySchema = z.object({
  ...pagingQuery(['CREATION_DATE'] as const),
  endUserId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  status: queryList(z.enum(LEDGER_STATUSES)),
  parentId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  iban: single(z.string().optional(), { type: 'string' }),
})

/** GET /documents/ledger-statement/{ledgerId}: the period (ISO dates, both optional). */
export const StatementQuerySchema = z.object({
  startDate: single(z.iso.date().optional(), { type: 'string', format: 'date' }),
  endDate: single(z.iso.date().optional(), { type: 'string', format: 'date' }),
})
