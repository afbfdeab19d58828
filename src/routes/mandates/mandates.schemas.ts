import { z } from '@hono/zod-openapi'
import type { MandateView } from '../../state/mandates'
import { MANDATE_STATUSES } from '../../state/transitions'
import { compact, dateTime, idResponse, iso, pageOf, pagingQuery, single, uuid } from '../openapi'

// Request and response schemas of the Direct Debit Mandate tag.

const personType = z.enum(['PERSON', 'COMPANY'])
const SepaDebtorBankingDetailsSchema = z.object({ iban: z.string(), bic: z.string() }).openapi('SepaDebtorBankingDetails')
const date = () => z.iso.date().openapi({ type: 'string', format: 'date' })

export const MandateCreateRequestSchema = z
  .object({
    endUserId: uuid().nullish(),
    friendlyName: z.string().max(255).nullish(),
    debtor: z.object({
      type: personType,
      name: z.string().min(3).max(511),
      bankingDetails: SepaDebtorBankingDetailsSchema.nullish(),
    }),
    recurring: z.boolean().nullish(),
    expirationDate: date().nullish(),
  })
  .openapi('DirectDebitMandateCreateRequest')

export const MandateUpdateRequestSchema = z
  .object({
    friendlyName: z.string().max(255).nullish(),
    debtor: z.object({ bankingDetails: SepaDebtorBankingDetailsSchema.nullish() }).nullish(),
    recurring: z.boolean().nullish(),
    expirationDate: date().nullish(),
  })
  .openapi('DirectDebitMandateUpdateRequest')

export const MandateIdParamSchema = z.object({ mandateId: uuid().openapi({ param: { name: 'mandateId', in: 'path' } }) })

export const ListMandatesQuerySchema = z.object({
  ...pagingQuery(['DEBTOR_NAME', 'CREATION_DATE'] as const),
  endUserId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  status: single(z.enum(MANDATE_STATUSES).optional(), { type: 'string', enum: [...MANDATE_STATUSES] }),
})

export const MandateIdResponseSchema = idResponse('DirectDebitMandateIdResponse')

export const MandateInfoResponseSchema = z
  .object({
    id: z.string().uuid(),
    uniqueReference: z.string(),
    endUserId: z.string().uuid(),
    status: z.enum(MANDATE_STATUSES),
    friendlyName: z.string().optional(),
    debtor: z.object({
      type: personType,
      name: z.string(),
      bankingDetails: z.object({ iban: z.string(), bic: z.string() }).optional(),
      ledgerId: z.string().uuid().optional(),
    }),
    recurring: z.boolean(),
    expirationDate: z.string().openapi({ format: 'date' }),
    updateDate: dateTime,
    creationDate: dateTime,
  })
  .openapi('DirectDebitMandateInfoResponse')

export const MandateListResponseSchema = pageOf(MandateInfoResponseSchema).openapi('DirectDebitMandateListResponse')

/** A mandate as GET and the list show it (the debtor's ledger only when it is the same partner's). */
export function presentMandate({ row, debtorLedgerId }: MandateView) {
  return compact({
    id: row.id,
    uniqueReference: row.uniqueReference,
    endUserId: row.endUserId,
    status: row.status as (typeof MANDATE_STATUSES)[number],
    friendlyName: row.friendlyName ?? undefined,
    debtor: compact({
      type: row.debtorType,
      name: row.debtorName,
      bankingDetails: row.debtorIban && row.debtorBic ? { iban: row.debtorIban, bic: row.debtorBic } : undefined,
      ledgerId: debtorLedgerId,
    }),
    recurring: row.recurring,
    expirationDate: row.expirationDate,
    updateDate: iso(row.updateDate),
    creationDate: iso(row.creationDate),
  })
}
