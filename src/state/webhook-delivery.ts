import { createHmac } from 'node:crypto'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { webhookAttempts, webhookEndpoints, webhookMessages } from './db/schema'
import { derivedUuid } from './random'
import { schedule, type JobHandler } from './scheduler'
import { tx, type Store } from './store'

// The deliverer. State operations only record attempts as DUE (inside their transaction); a small
// in-process queue, drained on setImmediate, POSTs them after the request has answered and writes
// each result back in a new transaction. Retries are scheduled jobs on the simulator clock, so
// advancing the clock is what makes a failed delivery try again.

/** Svix's default retry schedule after the first (immediate) attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]
/** Svix gives an endpoint about 15 s to answer. */
const TIMEOUT_MS = 15_000

interface Queue { running?: Promise<void>; scheduled: boolean }
const queues = new WeakMap<Store, Queue>()
const queueOf = (store: Store): Queue => {
  let q = queues.get(store)
  if (!q) queues.set(store, (q = { scheduled: false }))
  return q
}

/** Svix signature header value: "v1," + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed by the decoded whsec_ secret. */
export function svixSignature(secret: string, svixId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return `v1,${createHmac('sha256', key).update(`${svixId}.${timestamp}.${body}`).digest('base64')}`
}

/** Records a DUE attempt of a message (call inside a transaction) and wakes the deliverer once it commits. */
export function enqueueAttempt(store: Store, message: { id: string; partnerId: string }, trigger: 'SCHEDULED' | 'MANUAL'): string {
  const last = store.db.select({ n: sql<number>`max(${webhookAttempts.attempt})` }).from(webhookAttempts).where(eq(webhookAttempts.messageId, message.id)).get()
  const attempt = (last?.n ?? 0) + 1
  // Attempts and retry jobs are created when a delivery's result comes back (wall-clock timing, outside
  // any request): drawing their ids from the world's RNG would make every later id depend on network timing.
  const id = derivedUuid('webhook-attempt', message.id, attempt)
  store.db.insert(webhookAttempts).values({
    id, partnerId: message.partnerId, messageId: message.id, attempt, trigger, status: 'DUE', at: store.clock.nowMs(),
  }).run()
  kick(store)
  return id
}

/** WEBHOOK_DELIVERY job ({ messageId }): the retry's time has come; the attempt is only marked due here. */
export const webhookDeliveryJob: JobHandler = (store, payload) => {
  const message = store.db.select().from(webhookMessages).where(eq(webhookMessages.id, String(payload.messageId))).get()
  if (message && message.status === 'PENDING') enqueueAttempt(store, message, 'SCHEDULED')
}

/** Resolves once every due attempt has been sent and its result recorded (tests await this). */
export async function flushWebhooks(store: Store): Promise<void> {
  for (;;) {
    const q = queueOf(store)
    if (q.running) {
      await q.running
      continue
    }
    if (!store.sqlite.open || !store.db.select({ id: webhookAttempts.id }).from(webhookAttempts).where(eq(webhookAttempts.status, 'DUE')).get()) return
    startDrain(store)
  }
}

function kick(store: Store): void {
  const q = queueOf(store)
  if (q.scheduled) return
  q.scheduled = true
  // Runs after the current request's transaction has committed (or rolled back: then nothing is DUE).
  setImmediate(() => {
    q.scheduled = false
    if (!q.running) startDrain(store)
  })
}

function startDrain(store: Store): void {
  const q = queueOf(store)
  q.running = drain(store).finally(() => {
    q.running = undefined
  })
}

async function drain(store: Store): Promise<void> {
  for (;;) {
    if (!store.sqlite.open) return
    const batch = claimDue(store)
    if (batch.length === 0) return
    // One endpoint receives its messages one at a time, in the order they were emitted; endpoints run in parallel.
    const byEndpoint = new Map<string, Claimed[]>()
    for (const job of batch) byEndpoint.set(job.endpointId, [...(byEndpoint.get(job.endpointId) ?? []), job])
    await Promise.all([...byEndpoint.values()].map(async (jobs) => {
      for (const job of jobs) await deliver(store, job)
    }))
  }
}

type Claimed = { attemptId: string; attempt: number; trigger: string; messageId: string; endpointId: string; svixId: string; body: string; url: string; secret: string; partnerId: string }

function claimDue(store: Store): Claimed[] {
  return tx(store, () => {
    const rows = store.db
      .select({
        attemptId: webhookAttempts.id, attempt: webhookAttempts.attempt, trigger: webhookAttempts.trigger, messageId: webhookMessages.id, endpointId: webhookMessages.endpointId,
        svixId: webhookMessages.svixId, body: webhookMessages.body, url: webhookEndpoints.url, secret: webhookEndpoints.secret, partnerId: webhookMessages.partnerId,
      })
      .from(webhookAttempts)
      .innerJoin(webhookMessages, eq(webhookMessages.id, webhookAttempts.messageId))
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookMessages.endpointId))
      .where(eq(webhookAttempts.status, 'DUE'))
      .orderBy(asc(webhookAttempts.at), asc(sql`webhook_attempts.rowid`))
      .all()
    // Attempts of a deleted endpoint can never be sent.
    store.db.update(webhookAttempts).set({ status: 'FAILED' }).where(and(eq(webhookAttempts.status, 'DUE'))).run()
    if (rows.length > 0) store.db.update(webhookAttempts).set({ status: 'SENDING' }).where(inArray(webhookAttempts.id, rows.map((r) => r.attemptId))).run()
    return rows
  })
}

async function deliver(store: Store, job: Claimed): Promise<void> {
  const sentAt = store.clock.nowMs()
  // The receiver's Svix library checks svix-timestamp against its own clock (5-minute tolerance):
  // wall-clock time, so a receiver keeps verifying after the simulator clock was moved.
  const timestamp = Math.floor(store.clock.realNowMs() / 1000)
  const headers = {
    'content-type': 'application/json',
    'svix-id': job.svixId,
    'svix-timestamp': String(timestamp),
    'svix-signature': svixSignature(job.secret, job.svixId, timestamp, job.body),
  }
  // SIM: latency is real wall time (a measurement, not simulated state).
  const started = performance.now()
  let responseCode: number | null = null
  try {
    const res = await fetch(job.url, { method: 'POST', headers, body: job.body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) })
    responseCode = res.status
    await res.arrayBuffer().catch(() => undefined)
  } catch {
    responseCode = null // connection refused, DNS failure, timeout
  }
  const latencyMs = Math.round(performance.now() - started)
  if (!store.sqlite.open) return
  tx(store, () => recordResult(store, job, sentAt, responseCode, latencyMs))
}

function recordResult(store: Store, job: Claimed, sentAt: number, responseCode: number | null, latencyMs: number): void {
  // Svix: only a 2xx is a success (a 3xx is a failure).
  const ok = responseCode !== null && responseCode >= 200 && responseCode < 300
  store.db.update(webhookAttempts).set({ status: ok ? 'SUCCEEDED' : 'FAILED', responseCode, latencyMs, at: sentAt }).where(eq(webhookAttempts.id, job.attemptId)).run()
  const message = store.db.select().from(webhookMessages).where(eq(webhookMessages.id, job.messageId)).get()
  if (!message) return
  if (ok) {
    store.db.update(webhookMessages).set({ status: 'DELIVERED' }).where(eq(webhookMessages.id, job.messageId)).run()
    return
  }
  if (job.trigger === 'MANUAL' || message.status !== 'PENDING') return
  const scheduled = store.db.select({ n: sql<number>`count(*)` }).from(webhookAttempts)
    .where(and(eq(webhookAttempts.messageId, job.messageId), eq(webhookAttempts.trigger, 'SCHEDULED'))).get()?.n ?? 1
  const delay = RETRY_DELAYS_MS[scheduled - 1]
  if (delay === undefined) store.db.update(webhookMessages).set({ status: 'FAILED' }).where(eq(webhookMessages.id, job.messageId)).run()
  else schedule(store, job.partnerId, 'WEBHOOK_DELIVERY', sentAt + delay, { messageId: job.messageId }, derivedUuid('webhook-retry', job.messageId, scheduled))
}
