import { z } from '@hono/zod-openapi'
import { COUNTRY_CODES, KYC_STATUSES, PERSON_TYPES } from '../../state/enums'
import type { KycCreated, KycApplicationRow } from '../../state/kyc'
import type { KycSimulated } from '../../state/kyc-simulate'
import { compact, dateTime, iso, pagingQuery, pageOf, uuid } from '../openapi'
import { AddressResponseSchema, EuropeanAddressRequestSchema, presentAddress } from '../shared/address.schemas'

// Wire shapes of tag KYC and of sandbox kyc/simulate, with LinkCy's field names and enums. Optional
// request members accept null as absent (as LinkCy's Jackson does; generated clients send nulls).

const KycConfigurationSchema = z.object({
  accessType: z.enum(['LINK', 'SDK']),
  urlOnComplete: z.string().nullish(),
  urlOnFailure: z.string().nullish(),
})

/**
 * POST /kyc body: the consumer variant (consumerId, ignored for an end-user) or the corporate-related
 * variant (relatedPhysicalPersonId). One object so either variant validates with LinkCy's messages.
 */
export const KycCreateRequestSchema = z
  .object({ consumerId: uuid().nullish(), relatedPhysicalPersonId: uuid().nullish(), kycConfiguration: KycConfigurationSchema })
  .openapi('KycCreateRequest')

const KycLinkCreateResponseSchema = z.object({ id: z.string().uuid(), url: z.string(), ttl: z.string() })
const KycSdkTokenCreateResponseSchema = z.object({
  id: z.string().uuid(), token: z.string(), kycApiUrl: z.string(), flowName: z.string(), ttl: z.string(),
})
export const KycCreateResponseSchema = z.union([KycLinkCreateResponseSchema, KycSdkTokenCreateResponseSchema]).openapi('KycCreateResponse')

/** 201 of POST /kyc: the link (LINK) or the SDK token (SDK), with its lifetime. */
export function presentKycCreated(created: KycCreated): z.infer<typeof KycCreateResponseSchema> {
  if (created.kind === 'LINK') return { id: created.application.id, url: created.url, ttl: created.ttl }
  const { token, kycApiUrl, flowName, ttl } = created
  return { id: created.application.id, token, kycApiUrl, flowName, ttl }
}

const identityFields = {
  address: AddressResponseSchema.optional(),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  lastName: z.string().optional(),
  gender: z.enum(['MALE', 'FEMALE']).optional(),
  birthDate: z.string().optional(),
  emailAddress: z.string().optional(),
  birthCity: z.string().optional(),
  birthIsoCountryCode: z.enum(COUNTRY_CODES).optional(),
}

export const KycApplicationSchema = z
  .object({
    id: z.string().uuid(),
    person: z.object({ id: z.string().uuid(), type: z.enum(PERSON_TYPES) }),
    ...identityFields,
    status: z.object({ value: z.enum(KYC_STATUSES), reason: z.string().optional() }),
    accessType: z.enum(['LINK', 'SDK']),
    creationDate: dateTime,
    updateDate: dateTime,
  })
  .openapi('KycApplicationInfo')

export const KycApplicationListElementSchema = z
  .object({
    id: z.string().uuid(),
    personId: z.string().uuid(),
    personType: z.enum(PERSON_TYPES),
    ...identityFields,
    status: z.enum(KYC_STATUSES),
    statusReason: z.string().optional(),
    creationDate: dateTime,
    updateDate: dateTime,
  })
  .openapi('KycApplicationListElement')

export const KycApplicationPageSchema = pageOf(KycApplicationListElementSchema).openapi('KycApplicationPage')

function identityOf(row: KycApplicationRow) {
  const { address, firstName, middleName, lastName, gender, birthDate, emailAddress, birthCity, birthIsoCountryCode } = row.identity
  return {
    address: address && presentAddress(address),
    firstName, middleName, lastName, gender, birthDate, emailAddress, birthCity,
    birthIsoCountryCode: birthIsoCountryCode as z.infer<typeof identityFields.birthIsoCountryCode>,
  }
}

/**
 * 200 of GET /kyc/{kycId}. SIM: an application opened by sandbox kyc/simulate has no access type
 * of its own; it reads as LINK (the reference's field is required and has only LINK and SDK).
 */
export function presentKycApplication(row: KycApplicationRow): z.infer<typeof KycApplicationSchema> {
  return compact({
    id: row.id,
    person: { id: row.personId, type: row.personType as (typeof PERSON_TYPES)[number] },
    ...identityOf(row),
    status: compact({ value: row.status as (typeof KYC_STATUSES)[number], reason: row.statusReason ?? undefined }),
    accessType: row.accessType === 'SDK' ? 'SDK' : 'LINK',
    creationDate: iso(row.creationDate),
    updateDate: iso(row.updateDate),
  })
}

/** An element of GET /kyc's page (KycApplicationListElementDto). */
export function presentKycListElement(row: KycApplicationRow): z.infer<typeof KycApplicationListElementSchema> {
  return compact({
    id: row.id,
    personId: row.personId,
    personType: row.personType as (typeof PERSON_TYPES)[number],
    ...identityOf(row),
    status: row.status as (typeof KYC_STATUSES)[number],
    statusReason: row.statusReason ?? undefined,
    creationDate: iso(row.creationDate),
    updateDate: iso(row.updateDate),
  })
}

export const KycListQuerySchema = z.object({
  ...pagingQuery(['CREATION_DATE', 'UPDATE_DATE'] as const),
  personType: z.enum(PERSON_TYPES).optional(),
  personId: uuid().optional(),
  kycStatus: z.enum(KYC_STATUSES).optional(),
})

export const KycIdParamSchema = z.object({ kycId: uuid().openapi({ param: { name: 'kycId', in: 'path' } }) })

/** Sandbox POST /kyc/simulate body: the target status, the person, and the identity to record. */
export const KycSimulateRequestSchema = z
  .object({
    consumerId: uuid().nullish(),
    relatedPhysicalPersonId: uuid().nullish(),
    // The order of the reference's enum (it shows in "must be one of [...]").
    kycStatus: z.enum(['NOT_STARTED', 'CREATED', 'PROCESSING', 'PENDING_REVIEW', 'ABORTED', 'VALIDATED', 'DECLINED']),
    address: EuropeanAddressRequestSchema.nullish(),
    firstName: z.string().max(255).nullish(),
    middleName: z.string().max(255).nullish(),
    lastName: z.string().max(255).nullish(),
    gender: z.enum(['MALE', 'FEMALE']).nullish(),
    birthDate: z.iso.date().nullish(),
    emailAddress: z.string().nullish(),
    birthCity: z.string().nullish(),
    birthIsoCountryCode: z.enum(COUNTRY_CODES).nullish(),
    nationalityCode: z.enum(COUNTRY_CODES).nullish(),
  })
  .openapi('KycSimulateRequest')

export const KycSimulateResponseSchema = z
  .union([
    z.object({ kycApplicationId: z.string().uuid(), consumerId: z.string().uuid() }),
    z.object({ kycApplicationId: z.string().uuid(), relatedPhysicalPersonId: z.string().uuid() }),
  ])
  .openapi('KycSimulateResponse')

/** 201 of kyc/simulate: the application and the consumer or the corporate-related person it is about. */
export function presentKycSimulated(simulated: KycSimulated): z.infer<typeof KycSimulateResponseSchema> {
  if (simulated.relatedPhysicalPersonId) return { kycApplicationId: simulated.application.id, relatedPhysicalPersonId: simulated.relatedPhysicalPersonId }
  return { kycApplicationId: simulated.application.id, consumerId: simulated.consumerId! }
}
