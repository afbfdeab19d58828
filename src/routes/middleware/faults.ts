import type { Context, MiddlewareHandler } from 'hono'
import { claimFault, type Fault } from '../../state/faults'
import type { AppEnv } from '../env'
import { renderError } from '../errors'

/**
 * Applies the /_sim/faults rules to LinkCy's API (mounted on /api/* after authentication, so a rule
 * can name the caller's partner). BEFORE: the fault answers and the operation never runs. AFTER: the
 * operation runs and commits, then its response is replaced by the fault (a lost response). A rule
 * without a status only delays the real response.
 */
export const injectFaults: MiddlewareHandler<AppEnv> = async (c, next) => {
  const fault = claimFault(c.var.store, { method: c.req.method, path: c.req.path, partnerName: c.var.principal?.partnerName ?? null })
  if (!fault) return next()
  if (fault.when === 'BEFORE') {
    await sleep(fault.delayMs)
    if (!fault.error) return next()
    return answerFault(c, fault)
  }
  await next()
  await sleep(fault.delayMs)
  if (fault.error) answerFault(c, fault)
}

/**
 * SIM: real wall-clock time, the one place the simulator sleeps: a client's timeout is measured on
 * its clock, not on the simulator's. Everything else follows the simulator clock and never waits.
 */
function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}

/**
 * The fault as an HTTP response, its body rendered by routes/errors.ts. Only the CORS headers of
 * whatever was prepared survive (an AFTER fault drops the operation's own headers, e.g. Location).
 */
function answerFault(c: Context<AppEnv>, fault: Fault): Response {
  const { status, body } = renderError(fault.error, c.var.store.clock.iso())
  const headers = new Headers({ 'Content-Type': 'application/json' })
  for (const [name, value] of c.res.headers) if (name.startsWith('access-control-')) headers.set(name, value)
  if (fault.retryAfterSeconds !== null) headers.set('Retry-After', String(fault.retryAfterSeconds))
  c.res = undefined // a plain assignment would merge the replaced response's headers back in
  c.res = new Response(JSON.stringify(body), { status, headers })
  return c.res
}
