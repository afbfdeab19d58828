import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { ERROR_CATALOGUE, type ErrorCode } from '../../state/errors'
import { clearFaults, createFault, deleteFault, FAULT_METHODS, FAULT_WHEN, listFaults, type FaultRow } from '../../state/faults'
import { tx } from '../../state/store'
import { CREDENTIAL_ENDPOINTS } from '../middleware/auth'
import { compact, iso } from '../openapi'
import { simBody } from './sim.schemas'

// /_sim/faults: fault injection into LinkCy's API (/api/*): errors, lost responses and latency on
// demand, for testing a client's retries, timeouts and idempotency (state/faults.ts).
export const simFaultRoutes = new Hono<AppEnv>()

// times stays when null (= until removed); every other absent setting is omitted.
const present = (f: FaultRow) => ({
  ...compact({
    id: f.id, partnerName: f.partnerName, method: f.method, path: f.path, when: f.when, status: f.status, errorCode: f.errorCode,
    errorParams: f.errorParams, delayMs: f.delayMs, retryAfterSeconds: f.retryAfterSeconds,
  }),
  times: f.times,
  ...compact({ probability: f.probability }),
  matched: f.matched,
  hits: f.hits,
  createdAt: iso(f.createdAt),
})

const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]]
/** A LinkCy path (`/api/...`): `{name}` stands for one segment; a final `*` makes it a prefix. */
const PATH_PATTERN = /^\/api\/[A-Za-z0-9\-._~/{}]*\*?$/
const STATUS_OK = (s: number) => (s >= 400 && s <= 499) || [500, 502, 503, 504].includes(s)

const CreateFault = z
  .strictObject({
    partnerName: z.string().min(1).max(100).optional(),
    method: z.enum(FAULT_METHODS).optional(),
    path: z.string().max(300).regex(PATH_PATTERN),
    when: z.enum(FAULT_WHEN).default('BEFORE'),
    status: z.number().int().refine(STATUS_OK, 'must be a 4xx status, 500, 502, 503 or 504').optional(),
    errorCode: z.enum(ERROR_CODES).optional(),
    errorParams: z.array(z.string().max(500)).max(10).optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    times: z.number().int().min(1).max(1_000_000).nullable().default(1),
    probability: z.number().min(0).max(1).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.status === undefined && rule.errorCode === undefined && rule.delayMs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'status, errorCode or delayMs is required' })
    }
    if (rule.errorParams !== undefined && rule.errorCode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['errorParams'], message: 'errorParams requires an errorCode' })
    }
    const status = rule.status ?? (rule.errorCode ? ERROR_CATALOGUE[rule.errorCode].status : undefined)
    if (rule.retryAfterSeconds !== undefined && status !== 429 && status !== 503) {
      ctx.addIssue({ code: 'custom', path: ['retryAfterSeconds'], message: 'retryAfterSeconds applies to a 429 or 503 only' })
    }
    const braces = rule.path.replace(/\{[^/{}]+\}/g, '')
    if (/[{}]/.test(braces) || rule.path.slice(0, -1).includes('*')) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'must be a LinkCy path: {name} for a whole segment, * only at the end' })
    }
    // Rules that could never fire are refused rather than silently kept: LinkCy's paths have no
    // trailing slash (the router answers 404 to one), and the credential endpoints ignore any bearer,
    // so their calls are anonymous and never carry a partner.
    if (rule.path.endsWith('/')) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'must not end with / (LinkCy paths have no trailing slash; use /* for a prefix)' })
    }
    if (rule.partnerName !== undefined && CREDENTIAL_ENDPOINTS.has(rule.path.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['partnerName'], message: `must be absent: ${rule.path} is called without a token, so no partner is known when the rule is tried` })
    }
  })

/**
 * POST /_sim/faults {path, when?, status?, errorCode?, errorParams?, delayMs?, retryAfterSeconds?,
 * times?, probability?, partnerName?, method?} → 201 the rule (times defaults to 1; null = until removed).
 */
simFaultRoutes.post('/faults', async (c) => {
  const body = await simBody(c.req, CreateFault)
  const store = c.var.store
  return c.json(present(tx(store, () => createFault(store, body))), 201)
})

// GET /_sim/faults → every rule in the order they are tried, with its matched and hits counters.
simFaultRoutes.get('/faults', (c) => {
  const rules = listFaults(c.var.store)
  return c.json({ content: rules.map(present), totalElements: rules.length })
})

// DELETE /_sim/faults/{id} → 204 (404 FAULT_NOT_FOUND when unknown).
simFaultRoutes.delete('/faults/:id', (c) => {
  const store = c.var.store
  tx(store, () => deleteFault(store, c.req.param('id')))
  return c.body(null, 204)
})

// DELETE /_sim/faults → 204: every rule removed.
simFaultRoutes.delete('/faults', (c) => {
  const store = c.var.store
  tx(store, () => clearFaults(store))
  return c.body(null, 204)
})
