import { z } from '@hono/zod-openapi'
import {
  ACCOUNT_PURPOSES, BANKING_STATUSES, COMPLIANCE_STATUSES, EUROPEAN_COUNTRY_CODES, KYC_STATUSES, LINKCY_STATUSES,
  MONTHLY_EXPENSES, OCCUPATIONS, OVERALL_STATUSES, SOURCES_OF_FUNDS, SUSPENSION_STATUSES,
} from '../../state/enums'
import { pagingQuery, queryList, uuid } from '../openapi'
import { EuropeanAddressRequestSchema } from '../shared/address.schemas'
import { metadata, PhoneRequestSchema } from '../shared/common.schemas'

// Request schemas of the Consumer tag, with LinkCy's field names, lengths and enums. Optional members
// accept null (LinkCy's Jackson reads null as absent; generated Java clients send nulls).

const ExpectedMonthlyExpensesRequestSchema = z.object({ value: z.enum(MONTHLY_EXPENSES), currency: z.enum(['EUR', 'USD', 'GBP']) })
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
