import { z } from '@hono/zod-openapi'
import type { ShareView } from '../../state/shares'
import { compact, uuid } from '../openapi'
import { presentCompany } from '../corporate-related/corporate-related.responses'

// Wire shapes of the share operations (tag KYB).

/** POST /shares: a direct share (of the corporate) or an indirect one (of a related entity, ownedCorporateId). */
export const ShareCreateRequestSchema = z
  .object({
    corporateRelatedId: uuid(),
    percentage: z.number().min(0).max(100),
    ownedCorporateId: uuid().nullish(),
  })
  .openapi('ShareCreateRequest')

/** PATCH /shares/{shareId}. The reference gives no bounds; a negative percentage is refused as a field error. */
export const ShareUpdateRequestSchema = z.object({ percentage: z.number().min(0) }).openapi('ShareUpdateRequest')

export const ShareIdResponseSchema = z.object({ id: z.string().uuid() }).openapi('ShareIdResponse')

export const ShareIdParamSchema = z.object({ shareId: uuid().openapi({ param: { name: 'shareId', in: 'path' } }) })

const EntityShortSchema = z.object({ id: z.string().uuid(), tradeName: z.string().optional(), registeredName: z.string() })
const PersonShortSchema = z.object({ id: z.string().uuid(), firstName: z.string().optional(), lastName: z.string().optional() })

/** LinkCy's ShareInfoResponse: a share placed in its corporate's ownership graph. */
export const ShareInfoSchema = z
  .object({
    id: z.string().uuid(),
    ownedCorporate: EntityShortSchema.optional(),
    corporateRelated: z.union([EntityShortSchema, PersonShortSchema]),
    directSharesPercentage: z.number(),
    finalSharesPercentage: z.number(),
    layer: z.number().int(),
  })
  .openapi('ShareInfoResponse')

/**
 * 200 of GET /shares/{shareId}. ownedCorporate is the related entity an indirect share is of, or the
 * corporate itself for a direct share (SIM: the reference does not say which a direct share shows).
 */
export function presentShareInfo(v: ShareView): z.infer<typeof ShareInfoSchema> {
  const h = v.holder
  const corporateRelated = h.kind === 'CORPORATE'
    ? compact({ id: h.id, tradeName: h.tradeName ?? undefined, registeredName: h.registeredName ?? '' })
    : compact({ id: h.id, firstName: h.firstName ?? undefined, lastName: h.lastName ?? undefined })
  const owned = v.owned ? { id: v.owned.id, registeredName: v.owned.registeredName ?? '', tradeName: v.owned.tradeName } : v.corporate
  return {
    id: v.share.id, ownedCorporate: presentCompany(owned), corporateRelated,
    directSharesPercentage: v.share.percentage, finalSharesPercentage: v.share.finalPercentage, layer: v.share.layer,
  }
}
