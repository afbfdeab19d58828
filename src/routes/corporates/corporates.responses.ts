import { z } from '@hono/zod-openapi'
import { EMPLOYEES_RANGES, INDUSTRIES, KYB_STATUSES, LEGAL_TYPES, CORPORATE_MONTHLY_EXPENSES } from '../../state/corporate-enums'
import type { CorporateRecord } from '../../state/corporates-info'
import type { CorporateRow } from '../../state/corporates'
import { ACCOUNT_PURPOSES, COUNTRY_CODES, CURRENCIES } from '../../state/enums'
import { compact, dateTime, iso, pageOf } from '../openapi'
import { AddressResponseSchema, presentAddress } from '../shared/address.schemas'
import { metadata } from '../shared/common.schemas'
import { commonStatusShape, presentCommonStatus, presentStrongAuthentication, StrongAuthenticationSchema } from '../shared/end-user-status.schemas'

// Response schemas of the Corporate tag and the present* functions that build them from state records.

export const CorporateStatusSchema = z
  .object({
    ...commonStatusShape,
    kyb: z.object({ value: z.enum(KYB_STATUSES), reason: z.string().optional(), lastVerificationRequestDate: dateTime.optional() }),
  })
  .openapi('CorporateStatus')

export const ComplianceInfoSchema = z
  .object({ maxUbosLayer: z.number().int(), relatedLayersTotal: z.number().int(), isExtendedUbos: z.boolean() })
  .openapi('ComplianceInfo')

export const CorporateInfoResponseSchema = z
  .object({
    id: z.string().uuid(),
    externalId: z.string().optional(),
    registeredName: z.string(),
    tradeName: z.string().optional(),
    incorporationCountry: z.enum(COUNTRY_CODES),
    incorporationCode: z.string(),
    incorporationDate: z.string().openapi({ format: 'date' }).optional(),
    legalType: z.enum(LEGAL_TYPES).optional(),
    website: z.string().optional(),
    industry: z.enum(INDUSTRIES),
    vatNumber: z.string().optional(),
    registeredAddress: AddressResponseSchema,
    businessAddress: AddressResponseSchema.optional(),
    employeesRange: z.enum(EMPLOYEES_RANGES).optional(),
    expectedMonthlyExpenses: z.object({ value: z.enum(CORPORATE_MONTHLY_EXPENSES), currency: z.enum(CURRENCIES) }).optional(),
    accountPurposes: z.array(z.enum(ACCOUNT_PURPOSES)),
    complianceInfo: ComplianceInfoSchema,
    termsAccepted: z.boolean(),
    notes: z.string().optional(),
    taxIdentificationNumber: z.string().optional(),
    taxCountry: z.enum(COUNTRY_CODES).optional(),
    creationDate: dateTime,
    updateDate: dateTime,
    status: CorporateStatusSchema,
    strongAuthentication: StrongAuthenticationSchema.optional(),
    partnerMetadata: metadata.optional(),
    userMetadata: metadata.optional(),
  })
  .openapi('CorporateInfoResponse')

export const CorporateListElementSchema = z
  .object({
    id: z.string().uuid(),
    externalId: z.string().optional(),
    registeredName: z.string(),
    incorporationCountry: z.enum(COUNTRY_CODES),
    incorporationCode: z.string(),
    status: CorporateStatusSchema,
    creationDate: dateTime,
    updateDate: dateTime,
  })
  .openapi('CorporateListElement')

export const CorporateListResponseSchema = pageOf(CorporateListElementSchema).openapi('CorporateListResponse')

export const CorporateCreatedSchema = z
  .object({ corporateId: z.string().uuid(), accountOwnerId: z.string().uuid() })
  .openapi('CorporateCreateResponse')

type CorporateInfo = z.infer<typeof CorporateInfoResponseSchema>
type CorporateStatus = z.infer<typeof CorporateStatusSchema>

/** The corporate's status: the common axes and its KYB (with its reason and last verification request). */
export function presentCorporateStatus(row: CorporateRow): CorporateStatus {
  const kyb = compact({
    value: row.kybStatus as CorporateStatus['kyb']['value'],
    reason: row.kybStatusReason ?? row.statusReasons.kyb,
    lastVerificationRequestDate: iso(row.kybLastVerificationRequestAt),
  })
  const { banking, ...rest } = presentCommonStatus(row)
  return { banking, kyb, ...rest }
}

/**
 * LinkCy's CorporateInfoResponse: absent optional fields are omitted; accountPurposes is always an
 * array. SIM: a corporate seeded without a registered address shows its incorporation country only.
 */
export function presentCorporate(record: CorporateRecord): CorporateInfo {
  const p = record.profile
  return compact({
    id: record.id,
    externalId: record.externalId ?? undefined,
    registeredName: record.registeredName,
    tradeName: record.tradeName ?? undefined,
    incorporationCountry: record.incorporationCountry as CorporateInfo['incorporationCountry'],
    incorporationCode: record.incorporationCode,
    incorporationDate: p.incorporationDate,
    legalType: p.legalType as CorporateInfo['legalType'],
    website: p.website,
    industry: (p.industry ?? 'IT_SERVICES') as CorporateInfo['industry'],
    vatNumber: p.vatNumber,
    registeredAddress: presentAddress(p.registeredAddress ?? { isoCountryCode: record.incorporationCountry, city: '', status: 'INVALID' }),
    businessAddress: p.businessAddress && presentAddress(p.businessAddress),
    employeesRange: p.employeesRange as CorporateInfo['employeesRange'],
    expectedMonthlyExpenses: p.expectedMonthlyExpenses as CorporateInfo['expectedMonthlyExpenses'],
    accountPurposes: (p.accountPurposes ?? []) as CorporateInfo['accountPurposes'],
    complianceInfo: record.complianceInfo,
    termsAccepted: record.termsAccepted,
    notes: p.notes,
    taxIdentificationNumber: p.taxIdentificationNumber,
    taxCountry: p.taxCountry as CorporateInfo['taxCountry'],
    creationDate: iso(record.creationDate),
    updateDate: iso(record.updateDate),
    status: presentCorporateStatus(record),
    strongAuthentication: record.strongAuthentication && presentStrongAuthentication(record.strongAuthentication),
    partnerMetadata: p.partnerMetadata,
    userMetadata: p.userMetadata,
  })
}

/** One element of LinkCy's corporate list. */
export function presentCorporateListElement(row: CorporateRow): z.infer<typeof CorporateListElementSchema> {
  return compact({
    id: row.id,
    externalId: row.externalId ?? undefined,
    registeredName: row.registeredName,
    incorporationCountry: row.incorporationCountry as CorporateInfo['incorporationCountry'],
    incorporationCode: row.incorporationCode,
    status: presentCorporateStatus(row),
    creationDate: iso(row.creationDate),
    updateDate: iso(row.updateDate),
  })
}
