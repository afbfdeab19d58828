import { Hono } from 'hono'
import { z } from 'zod'
import { KYB_STATUSES } from '../../state/corporate-enums'
import { decideKyb } from '../../state/kyb'
import { tx } from '../../state/store'
import { iso } from '../openapi'
import type { AppEnv } from '../env'
import { simBody } from '../sim/sim.schemas'

// /_sim control of a corporate's KYB: LinkCy's compliance decision after a verification request,
// with the reason NEED_ADDITIONAL_INFORMATION shows. Unknown ids answer LinkCy's CORPORATE_NOT_FOUND body.
export const simKybRoutes = new Hono<AppEnv>()

const DecisionSchema = z.object({ status: z.enum(KYB_STATUSES), reason: z.string().max(255).optional() })

simKybRoutes.post('/corporates/:corporateId/kyb', async (c) => {
  const { status, reason } = await simBody(c.req, DecisionSchema)
  const row = tx(c.var.store, () => decideKyb(c.var.store, c.req.param('corporateId').toLowerCase(), status, reason))
  return c.json({
    corporateId: row.id, kybStatus: row.kybStatus, reason: row.kybStatusReason ?? undefined,
    lastVerificationRequestDate: iso(row.kybLastVerificationRequestAt), updateDate: iso(row.updateDate),
  })
})
