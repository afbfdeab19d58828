import { z } from '@hono/zod-openapi'
import { uuid } from '../openapi'

// Request and response schemas of tag Additional (partner SMS, terms and conditions).

/** LinkCy's SmsSendRequestDto: message, and consumerId or relatedPhysicalPersonId. */
export const SmsSendRequestSchema = z
  .object({ consumerId: uuid().optional(), relatedPhysicalPersonId: uuid().optional(), message: z.string() })
  .refine((b) => b.consumerId ?? b.relatedPhysicalPersonId, { message: 'must not be null', path: ['consumerId'] })
  .openapi('SmsSendRequestDto')

/** LinkCy's TermsAndConditionsInfoRequestDto, flattened into query parameters (type, language). */
export const TermsQuerySchema = z.object({
  type: z.enum(['CONSUMER', 'CORPORATE']),
  language: z.enum(['EN', 'FR']).default('EN'),
  partnerName: z.string().optional().openapi({ description: 'Simulator only: whose terms an anonymous caller wants.' }),
})

export const TermsResponseSchema = z
  .object({
    version: z.string().openapi({ example: '1.0' }),
    type: z.enum(['CONSUMER', 'CORPORATE']),
    downloadUrl: z.string(),
    language: z.enum(['EN', 'FR']),
  })
  .openapi('TermsAndConditionsInfoResponseDto')
