import { z } from '@hono/zod-openapi'
import { INDUSTRIES } from '../../state/corporate-enums'
import type { CompanyRef, HeldShare, RelatedView } from '../../state/corporate-related-view'
import { COUNTRY_CODES, KYC_STATUSES, KYC_TYPES } from '../../state/enums'
import { compact, dateTime, iso, pageOf } from '../openapi'
import { AddressResponseSchema, presentAddress } from '../shared/address.schemas'

// Response shapes of the corporate-related operations: LinkCy's two shapes of a related row (physical
// person, legal entity) in the list and in the detail, with its shares placed in the ownership graph.

type Country = (typeof COUNTRY_CODES)[number]
type Industry = (typeof INDUSTRIES)[number]

/** LinkCy's CorporateShortInfo: the corporate (or related entity) a row or a share points to. */
export const CompanyShortInfoSchema = z
  .object({ id: z.string().uuid(), tradeName: z.string().optional(), registeredName: z.string() })
  .openapi('CorporateShortInfo')

export const presentCompany = (c: CompanyRef): z.infer<typeof CompanyShortInfoSchema> =>
  compact({ id: c.id, tradeName: c.tradeName ?? undefined, registeredName: c.registeredName })

/** LinkCy's CorporateShareResponse: a share held, with its layer and final percentage. */
const CorporateShareSchema = z
  .object({
    id: z.string().uuid(),
    ownedCorporate: CompanyShortInfoSchema.optional(),
    directSharesPercentage: z.number(),
    finalSharesPercentage: z.number(),
    layer: z.number().int(),
  })
  .openapi('CorporateShareResponse')

const presentShare = (s: HeldShare): z.infer<typeof CorporateShareSchema> => ({
  id: s.share.id, ownedCorporate: presentCompany(s.owned),
  directSharesPercentage: s.share.percentage, finalSharesPercentage: s.share.finalPercentage, layer: s.share.layer,
})

const PositionSchema = z.object({ isDirector: z.boolean(), directorAppointmentDate: z.string().optional() })
const PersonPositionSchema = PositionSchema.extend({ isAccountOwner: z.boolean(), isUbo: z.boolean(), isSpecialUbo: z.boolean() })

const KycInfoSchema = z.object({
  kycApplicationId: z.string().uuid().optional(),
  status: z.enum(KYC_STATUSES),
  statusReason: z.string().optional(),
  type: z.enum(KYC_TYPES),
  updateDate: dateTime.optional(),
})

const PhoneInfoSchema = z.object({ countryCode: z.string().optional(), number: z.string().optional(), verified: z.boolean(), verificationDate: dateTime.optional() })
const EmailInfoSchema = z.object({ address: z.string().optional(), verified: z.boolean(), verificationDate: dateTime.optional() })

const common = {
  id: z.string().uuid(),
  externalId: z.string().optional(),
  corporate: CompanyShortInfoSchema,
  creationDate: dateTime,
  updateDate: dateTime,
}

const personFields = {
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  address: AddressResponseSchema.optional(),
  nationalityCode: z.enum(COUNTRY_CODES).optional(),
  kycInfo: KycInfoSchema,
  position: PersonPositionSchema,
}

const entityFields = {
  registeredName: z.string(),
  tradeName: z.string().optional(),
  incorporationCountry: z.enum(COUNTRY_CODES),
  incorporationCode: z.string(),
  website: z.string().optional(),
  industry: z.enum(INDUSTRIES).optional(),
  registeredAddress: AddressResponseSchema.optional(),
  position: PositionSchema,
}

/** The position repeated at the top of a list element, as LinkCy's sandbox sample shows it (older clients read it there). */
const flatPosition = { isDirector: z.boolean(), directorAppointmentDate: z.string().optional() }
const PersonListElementSchema = z.object({
  ...common, ...personFields, ...flatPosition, isAccountOwner: z.boolean(), isUbo: z.boolean(),
  phone: PhoneInfoSchema.optional(), emailAddress: z.string().optional(), totalSharePercentage: z.number(),
})
const EntityListElementSchema = z.object({ ...common, ...entityFields, ...flatPosition, totalSharePercentage: z.number() })
export const RelatedListElementSchema = z.union([PersonListElementSchema, EntityListElementSchema]).openapi('CorporateRelatedListElement')
export const RelatedPageSchema = pageOf(RelatedListElementSchema).openapi('CorporateRelatedPage')

const PersonInfoSchema = z.object({
  ...common, ...personFields,
  shares: z.array(CorporateShareSchema),
  phone: PhoneInfoSchema.optional(),
  middleName: z.string().optional(),
  email: EmailInfoSchema,
  gender: z.enum(['MALE', 'FEMALE']).optional(),
  birthCity: z.string().optional(),
  birthIsoCountryCode: z.enum(COUNTRY_CODES).optional(),
  birthDate: z.string().optional(),
  notes: z.string().optional(),
  isPep: z.boolean(),
  totalSharesPercentage: z.number(),
})
const EntityInfoSchema = z.object({ ...common, ...entityFields, shares: z.array(CorporateShareSchema), notes: z.string().optional(), totalSharesPercentage: z.number() })
export const RelatedInfoSchema = z.union([PersonInfoSchema, EntityInfoSchema]).openapi('CorporateRelatedInfo')

/** The members both shapes share, and the person's or the entity's own. */
function shapeOf(v: RelatedView) {
  const r = v.row
  const base = { id: r.id, externalId: r.externalId ?? undefined, corporate: presentCompany(v.corporate), creationDate: iso(r.creationDate), updateDate: iso(r.updateDate) }
  const position = compact({ isDirector: r.isDirector, directorAppointmentDate: r.directorAppointmentDate ?? undefined })
  if (r.kind === 'CORPORATE') {
    return {
      kind: 'CORPORATE' as const,
      fields: compact({
        ...base, registeredName: r.registeredName ?? '', tradeName: r.tradeName ?? undefined,
        incorporationCountry: r.incorporationCountry as Country, incorporationCode: r.incorporationCode ?? '',
        website: r.profile.website, industry: r.profile.industry as Industry | undefined,
        registeredAddress: r.profile.registeredAddress && presentAddress(r.profile.registeredAddress), position,
      }),
    }
  }
  const kycInfo = compact({
    kycApplicationId: r.kycApplicationId ?? undefined, status: (r.kycStatus ?? 'NOT_STARTED') as (typeof KYC_STATUSES)[number],
    statusReason: r.kycStatusReason ?? undefined, type: v.kycType, updateDate: iso(r.kycUpdatedAt),
  })
  const phone = r.phoneDigits ? compact({ countryCode: r.phoneCountryCode ?? undefined, number: r.phoneNumber ?? undefined, verified: r.phoneVerifiedAt !== null, verificationDate: iso(r.phoneVerifiedAt) }) : undefined
  return {
    kind: 'PHYSICAL_PERSON' as const,
    phone,
    fields: compact({
      ...base, firstName: r.firstName ?? undefined, lastName: r.lastName ?? undefined,
      address: r.profile.address && presentAddress(r.profile.address), nationalityCode: r.profile.nationalityCode as Country | undefined,
      kycInfo, position: { ...position, isAccountOwner: r.isAccountOwner, isUbo: v.isUbo, isSpecialUbo: r.isSpecialUbo },
    }),
  }
}

/**
 * An element of GET /corporates/{id}/related (CorporateRelatedListElementDto, either shape). Besides
 * `position`, the element repeats isDirector / directorAppointmentDate (and a person's isAccountOwner /
 * isUbo) at its top level, as LinkCy's sandbox documentation sample does.
 */
export function presentRelatedListElement(v: RelatedView): z.infer<typeof RelatedListElementSchema> {
  const shape = shapeOf(v)
  const flat = compact({ isDirector: v.row.isDirector, directorAppointmentDate: v.row.directorAppointmentDate ?? undefined })
  if (shape.kind === 'CORPORATE') return { ...shape.fields, ...flat, totalSharePercentage: v.totalSharesPercentage }
  return compact({
    ...shape.fields, ...flat, isAccountOwner: v.row.isAccountOwner, isUbo: v.isUbo,
    phone: shape.phone, emailAddress: v.row.emailAddress ?? undefined, totalSharePercentage: v.totalSharesPercentage,
  })
}

/** 200 of GET /corporates/{id}/related/{relatedId} (CorporateRelatedInfoResponseDto, either shape). */
export function presentRelatedInfo(v: RelatedView): z.infer<typeof RelatedInfoSchema> {
  const shape = shapeOf(v)
  const shares = v.shares.map(presentShare)
  if (shape.kind === 'CORPORATE') return compact({ ...shape.fields, shares, notes: v.row.profile.notes, totalSharesPercentage: v.totalSharesPercentage })
  const r = v.row
  return compact({
    ...shape.fields, shares, phone: shape.phone, middleName: r.middleName ?? undefined,
    email: compact({ address: r.emailAddress ?? undefined, verified: r.emailVerifiedAt !== null && r.emailAddress !== null, verificationDate: iso(r.emailVerifiedAt) }),
    gender: r.profile.gender, birthCity: r.profile.birthCity, birthIsoCountryCode: r.profile.birthIsoCountryCode as Country | undefined,
    birthDate: r.profile.birthDate, notes: r.profile.notes, isPep: r.isPep, totalSharesPercentage: v.totalSharesPercentage,
  })
}

/** `{id}`: what a declaration or an update answers. */
export const RelatedIdResponseSchema = z.object({ id: z.string().uuid() }).openapi('CorporateRelatedIdResponse')
