import { z } from '@hono/zod-openapi'
import { INDUSTRIES } from '../../state/corporate-enums'
import { COUNTRY_CODES } from '../../state/enums'
import { pagingQuery, single, uuid } from '../openapi'
import { WorldwideAddressRequestSchema } from '../shared/address.schemas'
import { PhoneRequestSchema } from '../shared/common.schemas'

// Request shapes of the corporate-related operations (tag KYB), with LinkCy's field names, lengths
// and enums. Optional members accept null as absent (LinkCy's Jackson does; generated clients send nulls).

/** LinkCy's CorporateRelatedPhysicalPersonInfo: a physical person (names required). */
const PhysicalPersonInfoSchema = z.object({
  firstName: z.string().max(255),
  lastName: z.string().max(255),
  address: WorldwideAddressRequestSchema.nullish(),
  nationalityCode: z.enum(COUNTRY_CODES).nullish(),
  emailAddress: z.string().email().nullish(),
  phone: PhoneRequestSchema.nullish(),
  isSpecialUbo: z.boolean().nullish(),
})

/** LinkCy's CorporateRelatedCorporateInfo: a legal entity (name and incorporation required). */
const LegalEntityInfoSchema = z.object({
  registeredName: z.string().max(255),
  tradeName: z.string().max(255).nullish(),
  incorporationCountry: z.enum(COUNTRY_CODES),
  incorporationCode: z.string().max(255),
  website: z.string().max(511).nullish(),
  industry: z.enum(INDUSTRIES).nullish(),
  registeredAddress: WorldwideAddressRequestSchema.nullish(),
})

/**
 * `info`: a legal entity when it validates as one (registeredName, incorporationCountry and
 * incorporationCode), else a physical person; a failure is reported on the closest variant.
 */
const RelatedInfoSchema = z
  .union([
    LegalEntityInfoSchema.transform((info) => ({ ...info, kind: 'CORPORATE' as const })),
    PhysicalPersonInfoSchema.transform((info) => ({ ...info, kind: 'PHYSICAL_PERSON' as const })),
  ])
  .openapi({ description: 'A physical person (CorporateRelatedPhysicalPersonInfo) or a legal entity (CorporateRelatedCorporateInfo).' })

/** LinkCy's ShareData: a direct share (of the corporate) or an indirect one (of a related entity, ownedCorporateId). */
const ShareDataSchema = z.object({
  percentage: z.number().min(0).max(100),
  ownedCorporateId: uuid().nullish(),
})

export const RelatedCreateRequestSchema = z
  .object({
    info: RelatedInfoSchema,
    isDirector: z.boolean(),
    directorAppointmentDate: z.iso.date().nullish(),
    sharesInfo: z.array(ShareDataSchema),
  })
  .openapi('CorporateRelatedCreateRequest')

/**
 * LinkCy's CorporateRelatedUpdateRequest: the common members, and those of a physical person or of a
 * legal entity (checked against the row's kind). SIM: `sharesInfo` replaces the row's shares.
 */
export const RelatedUpdateRequestSchema = z
  .object({
    externalId: z.string().max(511).nullish(),
    isDirector: z.boolean().nullish(),
    directorAppointmentDate: z.iso.date().nullish(),
    firstName: z.string().max(255).nullish(),
    middleName: z.string().max(255).nullish(),
    lastName: z.string().max(255).nullish(),
    address: WorldwideAddressRequestSchema.nullish(),
    nationalityCode: z.enum(COUNTRY_CODES).nullish(),
    emailAddress: z.string().email().nullish(),
    phone: PhoneRequestSchema.nullish(),
    isSpecialUbo: z.boolean().nullish(),
    registeredName: z.string().max(255).nullish(),
    tradeName: z.string().max(255).nullish(),
    incorporationCountry: z.enum(COUNTRY_CODES).nullish(),
    incorporationCode: z.string().max(255).nullish(),
    website: z.string().max(511).nullish(),
    industry: z.enum(INDUSTRIES).nullish(),
    registeredAddress: WorldwideAddressRequestSchema.nullish(),
    sharesInfo: z.array(ShareDataSchema).nullish(),
  })
  .openapi('CorporateRelatedUpdateRequest')

export const CorporateIdParamSchema = z.object({ corporateId: uuid().openapi({ param: { name: 'corporateId', in: 'path' } }) })

export const RelatedParamsSchema = z.object({
  corporateId: uuid().openapi({ param: { name: 'corporateId', in: 'path' } }),
  corporateRelatedId: uuid().openapi({ param: { name: 'corporateRelatedId', in: 'path' } }),
})

export const RelatedIdParamSchema = z.object({ corporateRelatedId: uuid().openapi({ param: { name: 'corporateRelatedId', in: 'path' } }) })

export const RelatedListQuerySchema = z.object({
  ...pagingQuery(['UPDATE_DATE', 'CREATION_DATE'] as const),
  ownedCorporateId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  layer: single(z.coerce.number().int().min(-2147483648).max(2147483647).optional(), { type: 'integer', format: 'int32' }),
})
