import { z } from '@hono/zod-openapi'
import { COUNTRY_CODES, EUROPEAN_COUNTRY_CODES, LINKCY_ROLES } from '../../state/enums'
import type { PartnerAccountRow, PartnerAddress, PartnerConfiguration, PartnerRow, PartnerUpdate } from '../../state/partners'
import { compact, iso, pageOf, pagingQuery } from '../openapi'

// Request and response schemas of tag Partner, with LinkCy's field names, lengths and enums.

const dateTime = z.string().openapi({ format: 'date-time' })
/** An optional string where an explicit null means "leave as it is", as Jackson reads it. */
const optionalString = (max?: number) => (max === undefined ? z.string() : z.string().max(max)).nullish()

const EuropeanAddressRequestSchema = z
  .object({
    isoCountryCode: z.enum(EUROPEAN_COUNTRY_CODES),
    city: z.string().max(255),
    postalCode: z.string().max(255),
    street: z.string().max(511),
    number: optionalString(255),
    refinement: optionalString(35),
    stateOrProvince: optionalString(255),
    bypassVerification: z.boolean().nullish(),
  })
  .openapi('EuropeanAddressRequest')

const ContactInformationSchema = z
  .object({
    adminEmail: optionalString(),
    billingEmail: optionalString(),
    commercialEmail: optionalString(),
    techEmail: optionalString(),
    /** Newer docs add it; accepted and shown. */
    complianceEmail: optionalString(),
  })
  .openapi('ContactInformation')

/** PATCH /api/partner body. `name` is not a field: LinkCy does not let a partner rename itself. */
export const PartnerUpdateRequestSchema = z
  .object({
    address: EuropeanAddressRequestSchema.nullish(),
    consumerOtpMessage: optionalString(),
    corporateOtpMessage: optionalString(),
    displayName: optionalString(),
    logoUrl: optionalString(),
    contactInformation: ContactInformationSchema.nullish(),
  })
  .openapi('PartnerUpdateRequest')

type NoNulls<T> = T extends null ? never : T extends object ? { [K in keyof T]: NoNulls<Exclude<T[K], null>> } : T

/** Drops explicit nulls (recursively) so the state operation sees only the fields to change. */
export function toPartnerUpdate(body: z.infer<typeof PartnerUpdateRequestSchema>): PartnerUpdate {
  const strip = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, strip(x)])) : v
  return strip(body) as NoNulls<typeof body> as PartnerUpdate
}

const AddressResponseSchema = z
  .object({
    isoCountryCode: z.enum(COUNTRY_CODES),
    city: z.string(),
    postalCode: z.string().optional(),
    street: z.string().optional(),
    number: z.string().optional(),
    refinement: z.string().optional(),
    stateOrProvince: z.string().optional(),
    status: z.enum(['INVALID', 'VALID', 'VERIFIED']),
  })
  .openapi('PartnerAddressResponse')

const LedgerLimitsSchema = z.object({
  transactionLimit: z.number(),
  transactionDailyLimit: z.number(),
  transactionMonthlyLimit: z.number(),
  ddTransactionLimit: z.number(),
  ddMonthlyLimit: z.number(),
})

export const PartnerInfoResponseSchema = z
  .object({
    name: z.string(),
    displayName: z.string().optional(),
    logoUrl: z.string().optional(),
    address: AddressResponseSchema.optional(),
    consumerOtpMessage: z.string().optional(),
    corporateOtpMessage: z.string().optional(),
    emailProperties: z.object({ senderEmailAddress: z.string().optional(), senderEmailName: z.string().optional() }).optional(),
    contactInformation: z.record(z.string(), z.string()),
    limits: z.object({ ledger: LedgerLimitsSchema }),
    creationDate: dateTime,
    updateDate: dateTime,
  })
  .openapi('PartnerInfoResponse')

/** The partner configuration as GET /api/partner answers it. */
export function presentPartner(p: PartnerConfiguration): z.infer<typeof PartnerInfoResponseSchema> {
  const emailProperties = p.emailProperties as { senderEmailAddress?: string; senderEmailName?: string } | null
  return compact({
    name: p.name,
    displayName: p.displayName,
    logoUrl: p.logoUrl,
    address: p.address ? compact({ ...(p.address as unknown as PartnerAddress) }) : undefined,
    consumerOtpMessage: p.consumerOtpMessage,
    corporateOtpMessage: p.corporateOtpMessage,
    emailProperties: emailProperties ? compact({ ...emailProperties }) : undefined,
    contactInformation: p.contactInformation,
    limits: p.effectiveLimits,
    creationDate: iso(p.creationDate),
    updateDate: iso(p.updateDate),
  } as z.infer<typeof PartnerInfoResponseSchema>)
}

/** `{id, updateDate}`: what LinkCy answers after an update of the partner or one of its accounts. */
export const UpdateResponseSchema = z.object({ id: z.string().uuid(), updateDate: dateTime }).openapi('PartnerUpdateResponse')

export function presentUpdate(row: Pick<PartnerRow, 'id' | 'updateDate'>): z.infer<typeof UpdateResponseSchema> {
  return { id: row.id, updateDate: iso(row.updateDate) }
}

const roles = z.array(z.enum(LINKCY_ROLES)).openapi({ uniqueItems: true })

export const AccountListQuerySchema = z.object(pagingQuery(['EMAIL'] as const))

export const AccountElementSchema = z
  .object({ id: z.string().uuid(), email: z.string(), roles, creationDate: dateTime, updateDate: dateTime })
  .openapi('PartnerUserAccountListElement')
export const AccountPageSchema = pageOf(AccountElementSchema).openapi('PartnerUserAccountPage')

export function presentAccount(a: PartnerAccountRow): z.infer<typeof AccountElementSchema> {
  return { id: a.id, email: a.email, roles: a.roles as z.infer<typeof roles>, creationDate: iso(a.creationDate), updateDate: iso(a.updateDate) }
}

/** POST /api/partner/accounts body (a set of roles: duplicates are merged, as a Java Set would). */
export const AccountCreateRequestSchema = z
  .object({ email: z.string().email(), roles })
  .openapi('PartnerUserAccountCreateRequest')
export const AccountCreateResponseSchema = z.object({ id: z.string().uuid(), otp: z.string() }).openapi('PartnerUserAccountCreateResponse')

export const AccountUpdateRequestSchema = z.object({ roles }).openapi('PartnerUserAccountUpdateRequest')
export const AccountIdParamSchema = z.object({ accountId: z.string().uuid() })
