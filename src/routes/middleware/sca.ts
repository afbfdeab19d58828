import type { Context, MiddlewareHandler } from 'hono'
import { z } from '@hono/zod-openapi'
import { checkSca, type ScaHeaderValues } from '../../state/sca'
import { releaseInteraction } from '../../state/sca-challenges'
import type { ScaOperation } from '../../state/sca-policy'
import { SCA_TARGETS, defaultTarget, type ScaTargetResolver } from '../../state/sca-targets'
import { tx } from '../../state/store'
import type { AppEnv } from '../env'
import { presentWaitingSca } from '../sca/sca.schemas'

// Strong Customer Authentication gate. Operations whose reference documents the Linkcy-SCA-*
// headers declare `requireSca('<OPERATION>')` in their route's middleware; domain code never sees SCA.
// The decision itself is state/sca.ts (checkSca); this file only reads the request and answers.
// An operation whose end-user is not in its path or body plugs in with its own resolver:
//   middleware: [requires(...), requireSca('CARD_CREATE', targetOf((store, { body }) => ledgerOwnerId(...)))]
// and declares `202: waitingScaResponse` next to its success response.

/** The Linkcy-SCA-* request headers of every doc version, accepted together. */
export const scaHeaders = z.object({
  'Linkcy-SCA-Strategy': z.enum(['PUSH_NOTIFICATION', 'JOIN_CODE', 'FAIL', 'DATA_SIGNING', 'BY_PASS']).optional(),
  'Linkcy-SCA-Factor': z.enum(['BIOMETRY', 'PIN']).optional(),
  'Linkcy-SCA-Id': z.string().uuid().optional(),
  'Linkcy-SCA-Signature': z.string().optional(),
})

export { waitingScaResponse } from '../sca/sca.schemas'

/**
 * The SCA gate of one operation. It reads the raw body (Hono caches it, so the route's JSON
 * validator still sees it), finds the end-user concerned (`resolve`, default: the operation's
 * resolver in state/sca-targets.ts) and then: passes, answers 202 "Waiting SCA", or throws LinkCy's
 * SCA error. An approved interaction is consumed before the operation runs and handed back if the
 * operation does not succeed, so it authorises exactly one successful call.
 */
export function requireSca(operation: ScaOperation, resolve: ScaTargetResolver = SCA_TARGETS[operation] ?? defaultTarget): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const headers = readScaHeaders(c)
    // Malformed SCA headers: the route's header validation answers LinkCy's 400.
    if (!headers) return next()
    const store = c.var.store
    const text = await c.req.text()
    const context = { principal: c.var.principal ?? null, params: c.req.param() as Record<string, string>, body: parseJson(text) }
    const request = { method: c.req.method, path: c.req.path, query: new URL(c.req.url).search, body: text }
    const decision = tx(store, () => checkSca(store, { operation, target: resolve(store, context), headers, request }))
    if (decision.kind === 'PASS') return next()
    if (decision.kind === 'CHALLENGE') return c.json(presentWaitingSca(decision.interaction, decision.policy), 202)
    try {
      await next()
    } catch (error) {
      tx(store, () => releaseInteraction(store, decision.scaId))
      throw error
    }
    if (c.error || c.res.status >= 300) tx(store, () => releaseInteraction(store, decision.scaId))
  }
}

function readScaHeaders(c: Context<AppEnv>): ScaHeaderValues | null {
  const raw = {
    'Linkcy-SCA-Strategy': c.req.header('Linkcy-SCA-Strategy'),
    'Linkcy-SCA-Factor': c.req.header('Linkcy-SCA-Factor'),
    'Linkcy-SCA-Id': c.req.header('Linkcy-SCA-Id'),
    'Linkcy-SCA-Signature': c.req.header('Linkcy-SCA-Signature'),
  }
  const parsed = scaHeaders.safeParse(raw)
  if (!parsed.success) return null
  const h = parsed.data
  return {
    strategy: h['Linkcy-SCA-Strategy'], factor: h['Linkcy-SCA-Factor'], scaId: h['Linkcy-SCA-Id']?.toLowerCase(), signature: h['Linkcy-SCA-Signature'],
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
