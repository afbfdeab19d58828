import type { Context } from 'hono'
import { z } from '@hono/zod-openapi'
import { checkSca, type ScaHeaderValues } from '../../state/sca'
import { releaseInteraction } from '../../state/sca-challenges'
import type { ScaOperation } from '../../state/sca-policy'
import { SCA_TARGETS, defaultTarget, type ScaTargetResolver } from '../../state/sca-targets'
import { tx } from '../../state/store'
import type { AppEnv } from '../env'
import { zodFailure } from '../errors'
import { uuid } from '../openapi'
import { presentWaitingSca } from '../sca/sca.schemas'

// Strong Customer Authentication gate. An operation whose reference documents the Linkcy-SCA-*
// headers declares `headers: scaHeaders` and `202: waitingScaResponse` on its route and wraps its
// handler's body: `routes.openapi(route, (c) => withSca(c, 'CONSUMER_UPDATE', () => { ... }))`;
// domain code never sees SCA. Inside the handler (not route middleware, which @hono/zod-openapi
// runs before its validators) SCA comes in LinkCy's order: authentication (401/403) → request
// validation (400) → SCA (202/409/404/400 SCA_*) → the operation.
// The decision itself is state/sca.ts (checkSca); this file only reads the request and answers.
// An operation whose end-user is not in its path or body registers its resolver in
// state/sca-targets.ts (SCA_TARGETS) or passes one: `withSca(c, 'CARD_CREATE', () => ..., targetOf(...))`.

/** The Linkcy-SCA-* request headers of every doc version, accepted together. */
export const scaHeaders = z.object({
  'Linkcy-SCA-Strategy': z.enum(['PUSH_NOTIFICATION', 'JOIN_CODE', 'FAIL', 'DATA_SIGNING', 'BY_PASS']).optional(),
  'Linkcy-SCA-Factor': z.enum(['BIOMETRY', 'PIN']).optional(),
  'Linkcy-SCA-Id': uuid().optional(),
  'Linkcy-SCA-Signature': z.string().optional(),
})

export { waitingScaResponse } from '../sca/sca.schemas'

type ScaContext = Context<AppEnv, string, object>

/**
 * Runs `run` (the handler's body) behind the SCA of `operation`. Called by the handler, so the route
 * has already authenticated the caller and validated the request. It reads the raw body (Hono cached it for the
 * validator), finds the end-user concerned (`resolve`, default: the operation's resolver in
 * state/sca-targets.ts) and then: runs it, answers 202 "Waiting SCA", or throws LinkCy's SCA error.
 * An approved interaction is consumed before it runs and handed back if it does not succeed, so it
 * authorises exactly one successful call.
 */
export async function withSca<T>(
  c: ScaContext, operation: ScaOperation, run: () => T | Promise<T>,
  resolve: ScaTargetResolver = SCA_TARGETS[operation] ?? defaultTarget,
): Promise<T> {
  const store = c.var.store
  const text = await c.req.text()
  const context = { principal: c.var.principal ?? null, params: c.req.param() as Record<string, string>, body: parseJson(text) }
  const request = { method: c.req.method, path: c.req.path, query: new URL(c.req.url).search, body: text }
  const headers = readScaHeaders(c)
  const decision = tx(store, () => checkSca(store, { operation, target: resolve(store, context), headers, request }))
  if (decision.kind === 'PASS') return run()
  // The route declares `202: waitingScaResponse` next to its success response.
  if (decision.kind === 'CHALLENGE') return c.json(presentWaitingSca(decision.interaction, decision.policy), 202) as T
  let res: T
  try {
    res = await run()
  } catch (error) {
    tx(store, () => releaseInteraction(store, decision.scaId))
    throw error
  }
  if (!(res instanceof Response) || res.status >= 300) tx(store, () => releaseInteraction(store, decision.scaId))
  return res
}

/** The Linkcy-SCA-* headers; malformed ones are LinkCy's 400 (normally already answered by the route's `headers: scaHeaders`). */
function readScaHeaders(c: ScaContext): ScaHeaderValues {
  const raw = {
    'Linkcy-SCA-Strategy': c.req.header('Linkcy-SCA-Strategy'),
    'Linkcy-SCA-Factor': c.req.header('Linkcy-SCA-Factor'),
    'Linkcy-SCA-Id': c.req.header('Linkcy-SCA-Id'),
    'Linkcy-SCA-Signature': c.req.header('Linkcy-SCA-Signature'),
  }
  const parsed = scaHeaders.safeParse(raw)
  if (!parsed.success) throw zodFailure(parsed.error, raw)
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
