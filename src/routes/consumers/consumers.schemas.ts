import { z } from '@hono/zod-openapi'
import {
  ACCOUNT_PURPOSES, BANKING_STATUSES, COMPLIANCE_STATUSES, EUROPEAN_COUNTRY_CODES, KYC_STATUSES, LINKCY_STATUSES,
  MONTHLY_EXPENSES, OCCUPATIONS, OVERALL_STATUSES, SOURCES_OF_FUNDS, SUSPENSION_STATUSES,
} from '../../state/enums'
import { pagingQuery, queryList, uuid } from '../openapi'

// Request schemas of the Consumer tag, with LinkCy's field names, lengths and enums. Optional members
// accept null (LinkCy's Jackson reads null as absent; generated Java clients send nulls).

/**
 * LinkCy's PhoneRequest: the calling code (e.g. "33") and the national number. SIM: the reference
 * gives the country code no pattern; 1 to 4 digits are accepted, with an optional '+' or '00' prefix.
 */
export const PhoneRequestSchema = z
  .object({
    countryCode: z.string().regex(/^(\+|00)?[0-9]{1,4}$/).openapi({ example: '33' }),
    number: z.string().regex(/^[0-9]{1,14}$/),
  })
  .openapi('PhoneRequest')

export const EuropeanAddressRequestSchema = z
  .object({
    isoCountryCode: z.enum(EUROPEAN_COUNTRY_CODES),
    city: z.string().max(255),
    postalCode: z.string().max(255),
    street: z.string().max(511),
    number: z.string().max(255).nullish(),
    refinement: z.string().max(35).nullish(),
    stateOrProvince: z.string().max(255).nullish(),
    bypassVerification: z.boolean().nullish(),
  })
  .openapi('EuropeanAddressRequest')

const ExpectedMonthlyExpensesRequestSchema = z.object({ value: z.enum(MONTHLY_EXPENSES), currency: z.enum(['EUR', 'USD', 'GBP']) })
const metadata = z.record(z.string(), z.unknown())
const europeanCountry = z.enum(EUROPEAN_COUNTRY_CODES)

/** Fields that create and update share. */
const details = {
  externalId: z.string().max(511).nullish(),
  address: EuropeanAddressRequestSchema.nullish(),
  emailAddress: z.string().email().nullish(),
  sourceOfFunds: z.enum(SOURCES_OF_FUNDS).nullish(),
  otherSourceOfFunds: z.string().max(511).nullish(),
  occupation: z.enum(OCCUPATIONS).nullish(),
  otherOccupation: z.string().max(511).nullish(),
  lastTermsAccepted: z.string().nullish().openapi({ example: '1.0' }),
  taxIdentificationNumber: z.string().max(255).nullish(),
  taxCountry: europeanCountry.nullish(),
  accountPurposes: z.array(z.enum(ACCOUNT_PURPOSES)).nullish(),
  expectedMonthlyExpenses: ExpectedMonthlyExpensesRequestSchema.nullish(),
  metadata: metadata.nullish().openapi({ deprecated: true }),
}

export const ConsumerCreateRequestSchema = z
  .object({
    partnerName: z.string().nullish(),
    firstName: z.string().nullish(),
    middleName: z.string().nullish(),
    lastName: z.string().nullish(),
    phone: PhoneRequestSchema,
    ...details,
  })
  .openapi('ConsumerCreateRequest')

/** SIM: like LinkCy's update DTO, names are not patchable (they come from the KYC); unknown members are ignored. */
export const ConsumerUpdateRequestSchema = z
  .object({
    ...details,
    phone: PhoneRequestSchema.nullish(),
    userMetadata: metadata.nullish(),
    partnerMetadata: metadata.nullish(),
  })
  .openapi('ConsumerUpdateRequest')

export const ConsumerIdParamSchema = z.object({ consumerId: uuid().openapi({ param: { name: 'consumerId', in: 'path' } }) })

export const ListConsumersQuerySchema = z.object({
  ...pagingQuery(['UPDATE_DATE', 'LAST_NAME', 'CREATION_DATE'] as const),
  lastName: z.string().optional(),
  phone: z.string().optional(),
  emailAddress: z.string().optional(),
  kycStatus: queryList(z.enum(KYC_STATUSES)),
  bankingStatus: queryList(z.enum(BANKING_STATUSES)),
  suspensionStatus: queryList(z.enum(SUSPENSION_STATUSES)),
  linkcyStatus: queryList(z.enum(LINKCY_STATUSES)),
  complianceStatus: queryList(z.enum(COMPLIANCE_STATUSES)),
  overallStatus: z.enum(OVERALL_STATUSES).optional(),
})
