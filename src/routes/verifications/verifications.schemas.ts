import { z } from '@hono/zod-openapi'
import { uuid } from '../openapi'

// Request and response schemas of LinkCy's verification operations (tag KYC), with LinkCy's names.
// Bodies are LinkCy's anyOf of a consumer variant (consumerId, optional for end-users) and a
// corporate-related variant (relatedPhysicalPersonId): both ids are accepted as optional fields.

const person = {
  consumerId: uuid().optional().openapi({ description: 'Mandatory unless authenticated as the consumer (then ignored).' }),
  relatedPhysicalPersonId: uuid().optional(),
}

export const PhoneVerificationSendRequestSchema = z.object(person).openapi('PhoneVerificationSendRequestDto')

export const PhoneVerificationSendResponseSchema = z.object({ ttl: z.string().openapi({ example: 'PT10M' }) }).openapi('PhoneVerificationSendResponseDto')

export const PhoneVerifyRequestSchema = z
  .object({ ...person, code: z.string().regex(/^[0-9]{6}$/).openapi({ example: '123456' }) })
  .openapi('PhoneVerifyRequestDto')

export const EmailVerificationSendRequestSchema = z
  .object({
    ...person,
    emailSubject: z.string().max(255).optional().openapi({ example: '[{partnerName}] Please verify your email' }),
    urlOnSuccess: z.string().optional(),
    urlOnFailure: z.string().optional(),
  })
  .openapi('EmailVerificationSendRequestDto')

export const EmailVerificationSendResponseSchema = z.object({ ttl: z.string().openapi({ example: 'PT48H' }) }).openapi('EmailVerificationSendResponseDto')

/**
 * LinkCy's KycVerifyAddressRequest: a `type` discriminator (LINK needs endUserId, the document
 * types need documentId). Flat here so a bad `type` gets a plain enum message; the newer docs'
 * `ttl` (ISO-8601 duration of the LINK page) is accepted too.
 */
export const AddressVerifyRequestSchema = z
  .object({
    type: z.enum(['LINK', 'UPLOADED_DOCUMENT', 'DELEGATED']),
    endUserId: uuid().optional().openapi({ description: 'LINK: the end-user (ignored when authenticated as the end-user).' }),
    documentId: uuid().optional().openapi({ description: 'UPLOADED_DOCUMENT and DELEGATED: the proof-of-address document.' }),
    ttl: z.string().max(64).optional().openapi({ example: 'PT1800S' }),
  })
  .refine((b) => b.type === 'LINK' || b.documentId !== undefined, { message: 'must not be null', path: ['documentId'] })
  .openapi('KycVerifyAddressRequest')

export const AddressVerifyResponseSchema = z
  .object({ url: z.string().optional(), ttl: z.string().optional() })
  .openapi('AddressVerifyWithLinkResponseDto')
