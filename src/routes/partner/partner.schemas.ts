import { z } from '@hono/zod-openapi'
import { LINKCY_ROLES } from '../../state/enums'
import type { PartnerAccountRow, PartnerConfiguration, PartnerUpdate } from '../../state/partners'
import { compact, dateTime, iso, pageOf, pagingQuery, uuid } from '../openapi'
import { AddressResponseSchema, EuropeanAddressRequestSchema, presentAddress } from '../shared/address.schemas'

// Request and response schemas of tag Partner, with LinkCy's field names, lengths and enums.

/** An optional string where an explicit null means "leave as it is", as Jackson reads it. */
const optionalString = (max?: number) => (max === undefined ? z.string() : z.string().max(max)).nullish()

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
    address: p.address ? presentAddress(p.address) : undefined,
    consumerOtpMessage: p.consumerOtpMessage,
    corporateOtpMessage: p.corporateOtpMessage,
    emailProperties: emailProperties ? compact({ ...emailProperties }) : undefined,
    contactInformation: p.contactInformation,
    limits: p.effectiveLimits,
    creationDate: iso(p.creationDate),
    updateDate: iso(p.updateDate),
  } as z.infer<typeof PartnerInfoResponseSchema>)
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
export const AccountIdParamSchema = z.object({ accountId: uuid() })
