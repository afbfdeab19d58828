import { z } from '@hono/zod-openapi'
import {
  CORPORATE_MONTHLY_EXPENSES, EMPLOYEES_RANGES, INDUSTRIES, KYB_STATUSES, LEGAL_TYPES_BY_WRAPPER,
} from '../../state/corporate-enums'
import {
  ACCOUNT_PURPOSES, BANKING_STATUSES, COMPLIANCE_STATUSES, COUNTRY_CODES, LINKCY_STATUSES, OVERALL_STATUSES, SUSPENSION_STATUSES,
} from '../../state/enums'
import { pagingQuery, queryList, single, uuid } from '../openapi'
import { EuropeanAddressRequestSchema, WorldwideAddressRequestSchema } from '../shared/address.schemas'
import { metadata, PhoneRequestSchema } from '../shared/common.schemas'

// Request schemas of the Corporate tag, with LinkCy's field names, lengths and enums. Optional members
// accept null (LinkCy's Jackson reads null as absent; generated Java clients send nulls).

const date = () => z.iso.date().openapi({ type: 'string', format: 'date' })

const LEGAL_TYPE_MEMBERS = Object.keys(LEGAL_TYPES_BY_WRAPPER)

/**
 * LinkCy's CorporateApiLegalType: an object whose single member names the country
 * (`{ franceValue: 'FR_...' }`). One object with every country's member, exactly one of them set:
 * a value outside its country's enum is refused on that member, and an object naming no known
 * country (a misspelt member, `{}`, a null value) or two countries is refused on `legalType` itself.
 */
export const LegalTypeRequestSchema = (z
  .object(Object.fromEntries(Object.entries(LEGAL_TYPES_BY_WRAPPER).map(([member, values]) => [member, z.enum(values).nullish()])))
  .refine((o) => Object.values(o).filter((v) => v !== null && v !== undefined).length === 1, {
    message: `must contain exactly one of [${LEGAL_TYPE_MEMBERS.join(', ')}]`,
  }) as unknown as z.ZodType<Record<string, string | null | undefined>>)
  .openapi('CorporateApiLegalType')

const ExpectedMonthlyExpensesSchema = z
  .object({ value: z.enum(CORPORATE_MONTHLY_EXPENSES), currency: z.enum(['EUR', 'USD', 'GBP']) })
  .openapi('CorporateExpectedMonthlyExpensesRequest')

/** LinkCy's AccountOwnerInfo: the person who manages the corporate's account and logs in with its phone. */
export const AccountOwnerInfoSchema = z
  .object({
    firstName: z.string().max(255),
    lastName: z.string().max(255),
    isDirector: z.boolean(),
    directorAppointmentDate: date().nullish(),
    // SIM: over 100 is LinkCy's TOTAL_SHARES_PERCENTAGE_IS_OVER_100 (state/corporates-create.ts), not a bare validation error.
    directSharesPercentage: z.number().min(0).nullish().openapi({ maximum: 100, format: 'float' }),
    address: WorldwideAddressRequestSchema.nullish(),
    nationalityCode: z.enum(COUNTRY_CODES).nullish(),
    emailAddress: z.string().email().nullish(),
    phone: PhoneRequestSchema,
  })
  .openapi('AccountOwnerInfo')

/** Fields that create and update share (all optional). */
const details = {
  externalId: z.string().max(511).nullish(),
  tradeName: z.string().max(255).nullish(),
  incorporationDate: date().nullish(),
  legalType: LegalTypeRequestSchema.nullish(),
  website: z.string().max(511).nullish(),
  vatNumber: z.string().nullish(),
  businessAddress: EuropeanAddressRequestSchema.nullish(),
  employeesRange: z.enum(EMPLOYEES_RANGES).nullish(),
  accountPurposes: z.array(z.enum(ACCOUNT_PURPOSES)).nullish(),
  lastTermsAccepted: z.string().nullish().openapi({ example: '1.0' }),
  // Newer LinkCy versions: the corporate's tax residence (TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY).
  taxIdentificationNumber: z.string().max(255).nullish(),
  taxCountry: z.enum(COUNTRY_CODES).nullish(),
  metadata: metadata.nullish().openapi({ deprecated: true }),
}

export const CorporateCreateRequestSchema = z
  .object({
    partnerName: z.string().nullish(),
    registeredName: z.string().max(255),
    incorporationCountry: z.enum(COUNTRY_CODES),
    incorporationCode: z.string().max(255).openapi({ example: '12345678900013' }),
    industry: z.enum(INDUSTRIES),
    registeredAddress: EuropeanAddressRequestSchema,
    expectedMonthlyExpenses: ExpectedMonthlyExpensesSchema,
    accountOwnerInfo: AccountOwnerInfoSchema,
    ...details,
  })
  .openapi('CorporateCreateRequest')

/** SIM: unknown members are ignored, as LinkCy's Jackson does. */
export const CorporateUpdateRequestSchema = z
  .object({
    ...details,
    registeredName: z.string().max(255).nullish(),
    incorporationCountry: z.enum(COUNTRY_CODES).nullish(),
    incorporationCode: z.string().max(255).nullish(),
    industry: z.enum(INDUSTRIES).nullish(),
    registeredAddress: EuropeanAddressRequestSchema.nullish(),
    expectedMonthlyExpenses: ExpectedMonthlyExpensesSchema.nullish(),
    userMetadata: metadata.nullish(),
    partnerMetadata: metadata.nullish(),
  })
  .openapi('CorporateUpdateRequest')

export const CorporateIdParamSchema = z.object({ corporateId: uuid().openapi({ param: { name: 'corporateId', in: 'path' } }) })

export const ListCorporatesQuerySchema = z.object({
  ...pagingQuery(['UPDATE_DATE', 'CREATION_DATE'] as const),
  registeredName: single(z.string().optional(), { type: 'string' }),
  // Newer LinkCy versions: the account owner's e-mail address.
  emailAddress: single(z.string().optional(), { type: 'string' }),
  kybStatus: queryList(z.enum(KYB_STATUSES)),
  bankingStatus: queryList(z.enum(BANKING_STATUSES)),
  suspensionStatus: queryList(z.enum(SUSPENSION_STATUSES)),
  linkcyStatus: queryList(z.enum(LINKCY_STATUSES)),
  complianceStatus: queryList(z.enum(COMPLIANCE_STATUSES)),
  overallStatus: single(z.enum(OVERALL_STATUSES).optional(), { type: 'string', enum: [...OVERALL_STATUSES] }),
})
