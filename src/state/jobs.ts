import type { JobHandler } from './scheduler'

// Every kind of scheduled job and the state operation that performs it. One line per kind:
// `'LEDGER_ACTIVATION': activateLedgerJob,` — the module that schedules a kind also exports its handler.
export const JOB_HANDLERS: Record<string, JobHandler> = {}
