import { z } from '@hono/zod-openapi'
import { dateTime, iso } from '../openapi'

// Request and response building blocks that several LinkCy resources share.

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

/** Free-form metadata (userMetadata, partnerMetadata, the deprecated metadata): any JSON object. */
export const metadata = z.record(z.string(), z.unknown())

/** `{id, updateDate}`: what LinkCy answers after an update (a consumer, the partner, a user account). */
export const UpdateResponseSchema = z.object({ id: z.string().uuid(), updateDate: dateTime }).openapi('UpdateResponse')

/** The update response of a row that was just written. */
export function presentUpdate(row: { id: string; updateDate: number }): z.infer<typeof UpdateResponseSchema> {
  return { id: row.id, updateDate: iso(row.updateDate) }
}
