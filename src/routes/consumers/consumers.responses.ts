import { z } from '@hono/zod-openapi'
import type { ConsumerRecord, ConsumerRow } from '../../state/consumers'
import {
  ACCOUNT_PURPOSES, COUNTRY_CODES, CURRENCIES, KYC_STATUSES, KYC_TYPES, MONTHLY_EXPENSES, OCCUPATIONS, SOURCES_OF_FUNDS,
} from '../../state/enums'
import { compact, dateTime, idResponse, iso, pageOf } from '../openapi'
import { AddressResponseSchema, presentAddress } from '../shared/address.schemas'
import { metadata } from '../shared/common.schemas'
import {
  axis, commonStatusShape, presentCommonStatus, presentStrongAuthentication, StrongAuthenticationSchema, withReason,
} from '../shared/end-user-status.schemas'

// Response schemas of the Consumer tag and the present* functions that build them from state records.

export const ConsumerStatusSchema = z
  .object({ ...commonStatusShape, kyc: axis(KYC_STATUSES) })
  .openapi('ConsumerStatus')

export const PhoneInfoSchema = z
  .object({ countryCode: z.string().optional(), number: z.string().optional(), verified: z.boolean(), verificationDate: dateTime.optional() })
  .openapi('PhoneInfo')

export const ConsumerInfoResponseSchema = z
  .object({
    id: z.string().uuid(),
    externalId: z.string().optional(),
    phone: PhoneInfoSchema,
    kycInfo: z.object({
      kycApplicationId: z.string().uuid().optional(),
      status: z.enum(KYC_STATUSES),
      statusReason: z.string().optional(),
      type: z.enum(KYC_TYPES),
      updateDate: dateTime.optional(),
    }),
    status: ConsumerStatusSchema,
    termsAccepted: z.boolean(),
    address: AddressResponseSchema.optional(),
    firstName: z.string().optional(),
    middleName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.object({ address: z.string().optional(), verified: z.boolean(), verificationDate: dateTime.optional() }),
    gender: z.enum(['MALE', 'FEMALE']).optional(),
    birthCity: z.string().optional(),
    birthIsoCountryCode: z.enum(COUNTRY_CODES).optional(),
    birthDate: z.string().openapi({ format: 'date' }).optional(),
    sourceOfFunds: z.enum(SOURCES_OF_FUNDS).optional(),
    otherSourceOfFunds: z.string().optional(),
    occupation: z.enum(OCCUPATIONS).optional(),
    otherOccupation: z.string().optional(),
    notes: z.string().optional(),
    creationDate: dateTime,
    updateDate: dateTime,
    taxIdentificationNumber: z.string().optional(),
    taxCountry: z.enum(COUNTRY_CODES).optional(),
    accountPurposes: z.array(z.enum(ACCOUNT_PURPOSES)),
    expectedMonthlyExpenses: z.object({ value: z.enum(MONTHLY_EXPENSES), currency: z.enum(CURRENCIES) }).optional(),
    strongAuthentication: StrongAuthenticationSchema.optional(),
    partnerMetadata: metadata.optional(),
    userMetadata: metadata.optional(),
  })
  .openapi('ConsumerInfoResponse')

export const ConsumerListElementSchema = z
  .object({
    id: z.string().uuid(),
    phone: PhoneInfoSchema,
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    emailAddress: z.string().optional(),
    status: ConsumerStatusSchema,
    updateDate: dateTime,
    creationDate: dateTime,
  })
  .openapi('ConsumerListElement')

export const ConsumerListResponseSchema = pageOf(ConsumerListElementSchema).openapi('ConsumerListResponse')
export const ConsumerCreatedSchema = idResponse('ConsumerCreateResponse')

type ConsumerInfo = z.infer<typeof ConsumerInfoResponseSchema>
type ConsumerListElement = z.infer<typeof ConsumerListElementSchema>

function presentStatus(row: ConsumerRow): ConsumerInfo['status'] {
  const kyc = withReason(row.kycStatus as ConsumerInfo['status']['kyc']['value'], row.kycStatusReason ?? row.statusReasons.kyc)
  const { banking, ...rest } = presentCommonStatus(row)
  return { banking, kyc, ...rest }
}

function presentPhone(row: ConsumerRow): ConsumerInfo['phone'] {
  return compact({ countryCode: row.phoneCountryCode, number: row.phoneNumber, verified: row.phoneVerifiedAt !== null, verificationDate: iso(row.phoneVerifiedAt) })
}

/** LinkCy's ConsumerInfoResponse: absent optional fields are omitted; accountPurposes is always an array. */
export function presentConsumer(record: ConsumerRecord): ConsumerInfo {
  const p = record.profile
  return compact({
    id: record.id,
    externalId: p.externalId,
    phone: presentPhone(record),
    kycInfo: compact({
      kycApplicationId: record.kycApplicationId ?? undefined,
      status: record.kycStatus as ConsumerInfo['kycInfo']['status'],
      statusReason: record.kycStatusReason ?? undefined,
      type: record.kycType as ConsumerInfo['kycInfo']['type'],
      updateDate: iso(record.kycUpdatedAt),
    }),
    status: presentStatus(record),
    termsAccepted: record.termsAccepted,
    address: p.address && presentAddress(p.address),
    firstName: record.firstName ?? undefined,
    middleName: record.middleName ?? undefined,
    lastName: record.lastName ?? undefined,
    email: compact({ address: record.emailAddress ?? undefined, verified: record.emailVerifiedAt !== null, verificationDate: iso(record.emailVerifiedAt) }),
    gender: p.gender,
    birthCity: p.birthCity,
    birthIsoCountryCode: p.birthIsoCountryCode as ConsumerInfo['birthIsoCountryCode'],
    birthDate: p.birthDate,
    sourceOfFunds: p.sourceOfFunds as ConsumerInfo['sourceOfFunds'],
    otherSourceOfFunds: p.otherSourceOfFunds,
    occupation: p.occupation as ConsumerInfo['occupation'],
    otherOccupation: p.otherOccupation,
    notes: p.notes,
    creationDate: iso(record.creationDate),
    updateDate: iso(record.updateDate),
    taxIdentificationNumber: p.taxIdentificationNumber,
    taxCountry: p.taxCountry as ConsumerInfo['taxCountry'],
    accountPurposes: (p.accountPurposes ?? []) as ConsumerInfo['accountPurposes'],
    expectedMonthlyExpenses: p.expectedMonthlyExpenses as ConsumerInfo['expectedMonthlyExpenses'],
    strongAuthentication: record.strongAuthentication && presentStrongAuthentication(record.strongAuthentication),
    partnerMetadata: p.partnerMetadata,
    userMetadata: p.userMetadata,
  })
}

/** One element of LinkCy's consumer list. */
export function presentConsumerListElement(row: ConsumerRow): ConsumerListElement {
  return compact({
    id: row.id,
    phone: presentPhone(row),
    firstName: row.firstName ?? undefined,
    lastName: row.lastName ?? undefined,
    emailAddress: row.emailAddress ?? undefined,
    status: presentStatus(row),
    updateDate: iso(row.updateDate),
    creationDate: iso(row.creationDate),
  })
}
