import { asc, eq, sql } from 'drizzle-orm'
import { simFaults } from './db/schema'
import { ERROR_CATALOGUE, SimError, type ErrorCode } from './errors'
import { findPartnerByName } from './partners'
import { derivedHex, derivedUuid } from './random'
import { tx, type Store } from './store'

// Fault injection (/_sim/faults): what the real sandbox cannot do on demand. A rule names requests
// (partner, method, LinkCy path template) and answers them with an error and/or a delay, before the
// operation runs (nothing changes) or after it committed (the "lost response" a client must retry
// idempotently). Rules are the world's data: /_sim/reset clears them. No rule draws from the
// world's RNG, so a world with rules that never fire keeps the same ids as one without.

export type FaultRow = typeof simFaults.$inferSelect
export const FAULT_WHEN = ['BEFORE', 'AFTER'] as const
export const FAULT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** What POST /_sim/faults accepts (validated by the route). */
export interface FaultRuleInput {
  partnerName?: string
  method?: (typeof FAULT_METHODS)[number]
  path: string
  when: (typeof FAULT_WHEN)[number]
  status?: number
  errorCode?: ErrorCode
  errorParams?: string[]
  delayMs?: number
  retryAfterSeconds?: number
  times: number | null
  probability?: number
}

/** Seconds a 429 asks the client to wait when the rule does not say. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1

/**
 * An injected error on its way to routes/errors.ts (the only renderer): a catalogue code answered
 * with the rule's status, or the generic body of that status. `method` and `path` feed the 404 body.
 */
export class InjectedFault extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | undefined,
    readonly params: readonly string[],
    readonly method: string,
    readonly path: string,
  ) {
    super(`injected ${status}${code ? ` ${code}` : ''}`)
    this.name = 'InjectedFault'
  }
}

/** The seeded draw in [0, 1) of a rule's n-th matching request: same rule id, same sequence of draws. */
export function faultDraw(ruleId: string, matched: number): number {
  return parseInt(derivedHex('fault-draw', ruleId, matched).slice(0, 12), 16) / 2 ** 48
}

/**
 * Records a rule. Its id is derived (never drawn: rules must not move the world's id stream) from the
 * seed, the world's RNG position and the rule's creation number, so the same script makes the same ids.
 * An unknown partnerName is a 400.
 */
export function createFault(store: Store, input: FaultRuleInput): FaultRow {
  if (input.partnerName !== undefined && !findPartnerByName(store, input.partnerName)) {
    throw new SimError('PARTNER_NOT_FOUND', [input.partnerName], { status: 400, field: 'partnerName', rejectedValue: input.partnerName })
  }
  const last = store.db.select({ n: sql<number | null>`max(${simFaults.seq})` }).from(simFaults).get()
  const seq = (last?.n ?? 0) + 1
  const { seed, counter } = store.rng.state
  const status = input.status ?? (input.errorCode ? ERROR_CATALOGUE[input.errorCode].status : null)
  const row: FaultRow = {
    id: derivedUuid('fault', seed, counter, seq),
    seq,
    partnerName: input.partnerName ?? null,
    method: input.method ?? null,
    path: input.path,
    when: input.when,
    status,
    errorCode: input.errorCode ?? null,
    errorParams: input.errorParams ?? null,
    delayMs: input.delayMs ?? null,
    retryAfterSeconds: input.retryAfterSeconds ?? (status === 429 ? DEFAULT_RETRY_AFTER_SECONDS : null),
    times: input.times,
    probability: input.probability ?? null,
    matched: 0,
    hits: 0,
    createdAt: store.clock.nowMs(),
  }
  store.db.insert(simFaults).values(row).run()
  return row
}

/** Every rule in the order they are tried (creation order), exhausted ones included with their hits. */
export function listFaults(store: Store): FaultRow[] {
  return store.db.select().from(simFaults).orderBy(asc(simFaults.seq)).all()
}

/** Removes one rule; FAULT_NOT_FOUND (404) when there is none with this id. */
export function deleteFault(store: Store, id: string): void {
  const deleted = store.db.delete(simFaults).where(eq(simFaults.id, id)).run()
  if (deleted.changes === 0) throw new SimError('FAULT_NOT_FOUND', [id])
}

/** Removes every rule; answers how many there were. */
export function clearFaults(store: Store): number {
  return store.db.delete(simFaults).run().changes
}

/** A request as the injector sees it: after authentication, before validation. */
export interface FaultRequest {
  method: string
  path: string
  /** The caller's partner (from the bearer); null for anonymous calls. */
  partnerName: string | null
}

/** A fault the middleware must apply. */
export interface Fault {
  when: FaultRow['when']
  delayMs: number
  /** Undefined for a delay-only rule: the real response goes out, late. */
  error?: InjectedFault
  retryAfterSeconds: number | null
}

/**
 * Path templates as LinkCy writes them: `{cardId}` stands for one path segment; a trailing `*`
 * makes the rule a prefix. Matching ignores case: ids are UUIDs, which LinkCy (and the simulator)
 * accept in either case, so a rule naming one resource must catch it however the client spells it
 * (a literal segment spelt differently only matches requests the router answers with 404 anyway).
 * Compiled once per distinct template.
 */
const compiled = new Map<string, RegExp>()
export function pathMatches(template: string, path: string): boolean {
  let re = compiled.get(template)
  if (!re) {
    const prefix = template.endsWith('*')
    const source = (prefix ? template.slice(0, -1) : template)
      .split(/(\{[^/{}]*\})/)
      .map((part) => (/^\{[^/{}]*\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')
    re = new RegExp(`^${source}${prefix ? '' : '$'}`, 'i')
    if (compiled.size > 1000) compiled.clear()
    compiled.set(template, re)
  }
  return re.test(path)
}

/** Hono answers HEAD with the GET handler: a GET rule covers it. */
const methodOf = (method: string) => (method === 'HEAD' ? 'GET' : method)

const filtersMatch = (rule: FaultRow, request: FaultRequest): boolean =>
  (rule.times === null || rule.hits < rule.times) &&
  (rule.method === null || rule.method === methodOf(request.method)) &&
  (rule.partnerName === null || rule.partnerName === request.partnerName) &&
  pathMatches(rule.path, request.path)

/**
 * The fault for a request, if any: the first rule (creation order) whose filters match and whose
 * draw (when it has a probability) fires. Counting is one transaction, so concurrent requests never
 * over-spend `times`. Without a candidate nothing is written (the common case costs one read).
 */
export function claimFault(store: Store, request: FaultRequest): Fault | undefined {
  if (!listFaults(store).some((rule) => filtersMatch(rule, request))) return undefined
  return tx(store, () => {
    for (const rule of listFaults(store)) {
      if (!filtersMatch(rule, request)) continue
      const fires = rule.probability === null || faultDraw(rule.id, rule.matched) < rule.probability
      store.db
        .update(simFaults)
        .set({ matched: rule.matched + 1, hits: rule.hits + (fires ? 1 : 0) })
        .where(eq(simFaults.id, rule.id))
        .run()
      if (!fires) continue
      const error = rule.status === null
        ? undefined
        : new InjectedFault(rule.status, (rule.errorCode ?? undefined) as ErrorCode | undefined, rule.errorParams ?? [], request.method, request.path)
      return { when: rule.when as Fault['when'], delayMs: rule.delayMs ?? 0, error, retryAfterSeconds: rule.retryAfterSeconds }
    }
    return undefined
  })
}
