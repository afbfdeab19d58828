import { asc, eq, lte, sql } from 'drizzle-orm'
import { scheduledJobs } from './db/schema'
import { tx, type Store } from './store'

// Deferred work on the simulator clock. A state operation schedules a job ("activate this ledger in
// 2 s", "settle this SEPA transfer at D+1"); runDueJobs executes every job whose time has come, in
// due order, each in its own transaction. It runs before each API request and after the clock moves,
// so advancing the clock is enough to make the world catch up.

/** Performs a job; it runs with the clock showing the job's due instant (store.clock.nowMs() === dueAt). */
export type JobHandler = (store: Store, payload: Record<string, unknown>) => void

/**
 * Schedules `kind` to run at `dueAt` (epoch ms on the simulator clock). `id`: a caller-derived job id
 * for work scheduled outside a request (webhook retries), which must not draw from the world's RNG.
 */
export function schedule(store: Store, partnerId: string, kind: string, dueAt: number, payload: Record<string, unknown>, id?: string): void {
  store.db.insert(scheduledJobs).values({ id: id ?? store.rng.uuid(), partnerId, kind, dueAt, payload, createdAt: store.clock.nowMs() }).run()
}

/**
 * Runs the due jobs with the given handlers (see state/jobs.ts). A job that throws is dropped and
 * reported, so one bad job cannot wedge the world. Returns how many ran.
 */
export function runDueJobs(store: Store, handlers: Record<string, JobHandler>): number {
  let ran = 0
  for (;;) {
    const now = store.clock.nowMs()
    const job = store.db.select().from(scheduledJobs).where(lte(scheduledJobs.dueAt, now)).orderBy(asc(scheduledJobs.dueAt), asc(sql`rowid`)).limit(1).get()
    if (!job) return ran
    try {
      tx(store, () => {
        store.db.delete(scheduledJobs).where(eq(scheduledJobs.id, job.id)).run()
        const handler = handlers[job.kind]
        if (!handler) throw new Error(`no handler for scheduled job ${job.kind}`)
        store.clock.at(job.dueAt, () => handler(store, job.payload))
      })
    } catch (error) {
      console.error(`scheduled job ${job.kind} ${job.id} failed:`, error)
      tx(store, () => store.db.delete(scheduledJobs).where(eq(scheduledJobs.id, job.id)).run())
    }
    ran += 1
  }
}
