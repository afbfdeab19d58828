import { Hono } from 'hono'
import { z } from 'zod'
import { completeKycApplication, getKycForPerson } from '../../state/kyc-complete'
import { kycLinkUrl, type KycApplicationRow } from '../../state/kyc'
import { tx } from '../../state/store'
import { iso } from '../openapi'
import type { AppEnv } from '../env'
import { simBody } from './sim.schemas'

// /_sim control of KYC applications: read one with its link, and finish it as the end-user (or the
// SDK, or LinkCy's review) would. Unknown ids answer LinkCy's KYC_APPLICATION_NOT_FOUND body.
export const simKycRoutes = new Hono<AppEnv>()

const CompleteSchema = z.object({
  status: z.enum(['PROCESSING', 'PENDING_REVIEW', 'VALIDATED', 'DECLINED']),
  reason: z.string().max(255).optional(),
})

/** The control-plane view: everything the API hides (raw access type, link URL, expiry, redirects). */
function present(row: KycApplicationRow, origin: string) {
  return {
    id: row.id,
    partnerId: row.partnerId,
    personId: row.personId,
    personType: row.personType,
    status: row.status,
    statusReason: row.statusReason ?? undefined,
    type: row.type,
    accessType: row.accessType,
    url: row.accessType === 'LINK' ? kycLinkUrl(origin, row.id) : undefined,
    urlOnComplete: row.urlOnComplete ?? undefined,
    urlOnFailure: row.urlOnFailure ?? undefined,
    expiresAt: iso(row.expiresAt),
    identity: row.identity,
    creationDate: iso(row.creationDate),
    updateDate: iso(row.updateDate),
  }
}

simKycRoutes.get('/kyc/:kycId', (c) => {
  const row = tx(c.var.store, () => getKycForPerson(c.var.store, c.req.param('kycId')))
  return c.json(present(row, new URL(c.req.url).origin))
})

simKycRoutes.post('/kyc/:kycId/complete', async (c) => {
  const { status, reason } = await simBody(c.req, CompleteSchema)
  const kycId = c.req.param('kycId')
  // Settle a due expiry on its own, so the ABORTED status stays even though completing it is refused.
  tx(c.var.store, () => getKycForPerson(c.var.store, kycId))
  const row = tx(c.var.store, () => completeKycApplication(c.var.store, kycId, status, reason))
  return c.json(present(row, new URL(c.req.url).origin))
})
