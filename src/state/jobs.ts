import type { JobHandler } from './scheduler'
import { mandateProcessingJob } from './mandates'
import { collectDirectDebitJob } from './direct-debits'
import { activateLedgerJob } from './ledgers-create'
import { finishClosureJob } from './ledger-lifecycle'
import { settleOutgoingTransferJob } from './transfers-settlement'

// Every kind of scheduled job and the state operation that performs it. One line per kind:
// `'LEDGER_ACTIVATION': activateLedgerJob,` — the module that schedules a kind also exports its handler.
export const JOB_HANDLERS: Record<string, JobHandler> = {
  MANDATE_PROCESSING: mandateProcessingJob,
  DIRECT_DEBIT_COLLECTION: collectDirectDebitJob,
  LEDGER_ACTIVATION: activateLedgerJob,
  LEDGER_CLOSURE: finishClosureJob,
  SEPA_SETTLEMENT: settleOutgoingTransferJob,
}
