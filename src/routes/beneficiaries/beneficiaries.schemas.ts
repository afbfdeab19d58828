import { z } from '@hono/zod-openapi'
import type { BeneficiaryInfo, BeneficiaryRow } from '../../state/beneficiaries'
import { BENEFICIARY_STATUSES } from '../../state/beneficiaries-settings'
import { compact, dateTime, idResponse, iso, pageOf, pagingQuery, queryBoolean, queryList, single, uuid } from '../openapi'

// Request and response schemas of the Beneficiary tag (and the sandbox status bypass).

export const SepaBankingDetailsSchema = z.object({ iban: z.string(), bic: z.string() }).openapi('SepaBankingDetails')
const GbpBankingDetailsSchema = z
  .object({ sortCode: z.string().regex(/^[0-9]{6}$/), accountNumber: z.string().regex(/^[0-9]{8}$/) })
  .openapi('GbpBankingDetails')
const UsdBankingDetailsSchema = z
  .object({ abaCode: z.string(), accountNumber: z.string(), swift: z.string().optional() })
  .openapi('UsdBankingDetails')

const personType = z.enum(['PERSON', 'COMPANY'])

/** POST /beneficiaries. `name` is required; the deprecated `fullName` is accepted in its place. */
export const BeneficiaryCreateRequestSchema = z
  .object({
    type: personType,
    fullName: z.string().min(3).max(511).nullish(),
    name: z.string().min(3).max(511).nullish(),
    // Newer versions of the API accept a friendly name.
    friendlyName: z.string().max(255).nullish(),
    endUserId: uuid().nullish(),
    bankingDetails: z.union([SepaBankingDetailsSchema, GbpBankingDetailsSchema, UsdBankingDetailsSchema]),
    display: z.boolean().nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.name == null && body.fullName == null) {
      ctx.addIssue({ code: 'invalid_type', expected: 'string', path: ['name'], input: undefined, message: 'must not be null' })
    }
  })
  .openapi('BeneficiaryCreateRequest')

export const BeneficiaryUpdateRequestSchema = z
  .object({ active: z.boolean().nullish(), display: z.boolean().nullish() })
  .openapi('BeneficiaryUpdateRequest')

export const BeneficiaryIdParamSchema = z.object({
  beneficiaryId: uuid().openapi({ param: { name: 'beneficiaryId', in: 'path' } }),
})

export const ListBeneficiariesQuerySchema = z.object({
  ...pagingQuery(['NAME', 'CREATION_DATE'] as const),
  active: queryBoolean(),
  display: queryBoolean(),
  endUserId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  status: queryList(z.enum(BENEFICIARY_STATUSES)),
  name: single(z.string().optional(), { type: 'string' }),
  iban: single(z.string().optional(), { type: 'string' }),
})

export const BeneficiaryCreatedSchema = idResponse('BeneficiaryCreateResponse')
export const BeneficiaryUpdatedSchema = idResponse('BeneficiaryUpdateResponse')

const listElementBase = {
  name: z.string(),
  id: z.string().uuid(),
  type: personType,
  updateDate: dateTime,
  status: z.enum(BENEFICIARY_STATUSES),
  active: z.boolean(),
  creationDate: dateTime,
  display: z.boolean(),
  accountType: z.enum(['IBAN', 'GBP', 'USD']),
  friendlyName: z.string().optional(),
}
const sepaAccount = { iban: z.string(), bicOrSwift: z.string() }
const gbpAccount = { accountNumber: z.string(), sortCode: z.string() }
const infoExtra = { endUserId: z.string().uuid(), linkcyLedgerId: z.string().uuid().optional() }

export const BeneficiaryInfoResponseSchema = z
  .union([
    z.object({ ...listElementBase, ...infoExtra, ...gbpAccount }).openapi('GbpBeneficiaryInfoResponse'),
    z.object({ ...listElementBase, ...infoExtra, ...sepaAccount }).openapi('SepaBeneficiaryInfoResponse'),
  ])
  .openapi('BeneficiaryInfoResponse')

const BeneficiaryListElementSchema = z.union([
  z.object({ ...listElementBase, ...gbpAccount }).openapi('GbpBeneficiaryListElement'),
  z.object({ ...listElementBase, ...sepaAccount }).openapi('SepaBeneficiaryListElement'),
])
export const BeneficiaryListResponseSchema = pageOf(BeneficiaryListElementSchema).openapi('BeneficiaryListResponse')

/** The account members of a beneficiary: IBAN + BIC, or sort code + account number. */
function account(row: BeneficiaryRow) {
  return row.accountType === 'IBAN' ? { iban: row.iban!, bicOrSwift: row.bicOrSwift! } : { accountNumber: row.accountNumber!, sortCode: row.sortCode! }
}

/** A beneficiary as the list shows it. */
export function presentBeneficiaryListElement(row: BeneficiaryRow) {
  return compact({
    name: row.name, id: row.id, type: row.type, updateDate: iso(row.updateDate), status: row.status, active: row.active,
    creationDate: iso(row.creationDate), display: row.display, accountType: row.accountType,
    friendlyName: typeof row.data.friendlyName === 'string' ? row.data.friendlyName : undefined, ...account(row),
  })
}

/**
 * A beneficiary as GET shows it: the list element with its end-user and, when the IBAN is a ledger
 * of the same partner, linkcyLedgerId (another partner's ledger id is never disclosed).
 */
export function presentBeneficiary(info: BeneficiaryInfo) {
  return compact({ ...presentBeneficiaryListElement(info.row), endUserId: info.row.endUserId, linkcyLedgerId: info.linkcyLedgerId })
}
