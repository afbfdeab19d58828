import type { JobHandler } from './scheduler'
import { activateLedgerJob } from './ledgers-create'
import { finishClosureJob } from './ledger-lifecycle'
import { settleOutgoingTransferJob } from './transfers-settlement'
import { mandateProcessingJob } from './mandates'
import { collectDirectDebitJob } from './direct-debits'
import { releaseAuthorizationJob } from './card-payments-settle'
import { cardCreationJob, cardExpiryJob, cardStatusChangeJob } from './cards-lifecycle'
import { cardPinUnlockJob } from './cards-pin'
import { webhookDeliveryJob } from './webhook-delivery'

// Every kind of scheduled job (state/scheduler.ts) and the state operation that performs it, one
// line per kind, with the payload it carries. The module that schedules a kind exports its handler;
// sandbox consumer deletion (state/consumers-delete.ts) drops the jobs of the rows it deletes by
// these payload ids.
export const JOB_HANDLERS: Record<string, JobHandler> = {
  // Ledgers: { ledgerId }
  LEDGER_ACTIVATION: activateLedgerJob,
  LEDGER_CLOSURE: finishClosureJob,
  // Outgoing SEPA / UK transfers: { transactionId }
  SEPA_SETTLEMENT: settleOutgoingTransferJob,
  // Direct-debit mandates: { mandateId }; their collections: { transactionId }
  MANDATE_PROCESSING: mandateProcessingJob,
  DIRECT_DEBIT_COLLECTION: collectDirectDebitJob,
  // Card authorizations never cleared: { transactionId }
  CARD_AUTHORIZATION_RELEASE: releaseAuthorizationJob,
  // Cards: { cardId }
  CARD_CREATION: cardCreationJob,
  CARD_STATUS_CHANGE: cardStatusChangeJob,
  CARD_EXPIRY: cardExpiryJob,
  CARD_PIN_UNLOCK: cardPinUnlockJob,
  // Webhook retries (Svix back-off): { messageId }
  WEBHOOK_DELIVERY: webhookDeliveryJob,
}
