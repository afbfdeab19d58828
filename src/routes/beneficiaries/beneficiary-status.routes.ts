import { createRoute } from '@hono/zod-openapi'
import { bypassBeneficiaryStatus } from '../../state/beneficiaries'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json } from '../openapi'
import { BeneficiaryIdParamSchema, BeneficiaryUpdatedSchema } from './beneficiaries.schemas'

// Sandbox: LinkCy's beneficiary status bypass, mounted by the sandbox money router (routes/sandbox/money.routes.ts).
export const sandboxBeneficiaryRoutes = createRouter()

const bypassRoute = createRoute({
  method: 'patch', path: '/api/partner/beneficiaries/{beneficiaryId}/status', tags: ['Sandbox'], summary: "Bypass a beneficiary's status",
  description: 'Sets the beneficiary VALID whatever its screening status. The request has no body.',
  middleware: [requires({ roles: ['BENEFICIARY_UPDATE'], endUser: true })] as const,
  request: { params: BeneficiaryIdParamSchema },
  responses: { 200: json(BeneficiaryUpdatedSchema), ...errorResponses(404) },
})
sandboxBeneficiaryRoutes.openapi(bypassRoute, (c) => {
  const { beneficiaryId } = c.req.valid('param')
  const row = tx(c.var.store, () => bypassBeneficiaryStatus(c.var.store, scopeOf(c), beneficiaryId))
  return c.json({ id: row.id }, 200)
})
