import type { BeneficiaryRow } from './beneficiaries'
import type { CardRow } from './cards'
import type { LedgerRow } from './ledgers'
import type { MandateRow } from './mandates'
import type { ConsumerRow } from './persons'
import type { TransactionRow } from './transactions'

// The webhook event catalogue: every event type LinkCy's Svix application declares, when it fires,
// and the small `data` each one carries. The first rows are LinkCy's documented catalogue
// (guides/introduction/webhooks, whose stored copy is cut off after CONSUMER_LOGGED_IN); the rest are
// inferred for the resources it names (corporates, ledgers, transactions, ...): see docs/fidelity.md.

/** Each event type with when it fires; `documented: false` marks a name the simulator infers. */
export const WEBHOOK_EVENTS = {
  BENEFICIARY_CREATED: { documented: true, fires: 'a beneficiary is added (POST /beneficiaries)' },
  BENEFICIARY_UPDATED: { documented: true, fires: "a beneficiary's screening status or its active flag changes" },
  CARD_CREATED: { documented: true, fires: 'a card is ordered (POST /cards; renewals excluded), in status CREATING' },
  CARD_UPDATED: { documented: true, fires: 'a card reaches a new settled status other than CLOSED (made, activated, suspended, reactivated, expired)' },
  CARD_CLOSED: { documented: true, fires: 'a card becomes CLOSED for good (by a close request or its ledger closing)' },
  CONSUMER_CREATED: { documented: true, fires: 'a consumer is created (POST /consumers)' },
  CONSUMER_UPDATED: { documented: true, fires: 'a consumer is modified outside its KYC: PATCH, phone / e-mail / address verified, suspension' },
  CONSUMER_KYC_CREATED: { documented: true, fires: "the consumer's KYC status moves to CREATED (a KYC application is opened)" },
  CONSUMER_KYC_UPDATED: { documented: true, fires: "the consumer's KYC status moves to any status but CREATED and VALIDATED" },
  CONSUMER_LOGGED_IN: { documented: true, fires: 'a consumer logs in with its phone and password (POST /login)' },
  CONSUMER_KYC_VALIDATED: { documented: false, fires: "the consumer's KYC status moves to VALIDATED" },
  CORPORATE_CREATED: { documented: false, fires: 'a corporate is created' },
  CORPORATE_UPDATED: { documented: false, fires: 'a corporate is modified outside its KYB' },
  CORPORATE_LOGGED_IN: { documented: false, fires: "a corporate's account owner logs in (POST /login with accountOwnerPhone)" },
  CORPORATE_KYB_UPDATED: { documented: false, fires: "the corporate's KYB status moves to any status but VALIDATED" },
  CORPORATE_KYB_VALIDATED: { documented: false, fires: "the corporate's KYB status moves to VALIDATED" },
  CORPORATE_RELATED_KYC_CREATED: { documented: false, fires: "a corporate-related person's KYC status moves to CREATED" },
  CORPORATE_RELATED_KYC_UPDATED: { documented: false, fires: "a corporate-related person's KYC status moves to any status but CREATED and VALIDATED" },
  CORPORATE_RELATED_KYC_VALIDATED: { documented: false, fires: "a corporate-related person's KYC status moves to VALIDATED" },
  LEDGER_CREATED: { documented: false, fires: 'a ledger is opened (POST /ledgers), in status PENDING' },
  LEDGER_UPDATED: { documented: false, fires: "a ledger's status changes (activated, failed, suspended, unsuspended, closing, closed)" },
  MANDATE_CREATED: { documented: false, fires: 'a direct-debit mandate is created (POST /mandates)' },
  MANDATE_UPDATED: { documented: false, fires: "a mandate's status changes (activating, activated, failed, canceling, canceled)" },
  TRANSACTION_CREATED: { documented: false, fires: 'a transaction is booked: transfers, incoming money, direct debits, card operations, acquiring' },
  TRANSACTION_UPDATED: { documented: false, fires: "a transaction's status changes (settled, declined, released, reversed, ...)" },
} as const satisfies Record<string, { documented: boolean; fires: string }>

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS

/** The catalogue's type names, in catalogue order (filters of endpoints are checked against it). */
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]]

// The `data` of each event. SIM: LinkCy documents no payload; each carries the resource id and what
// a receiver needs to decide whether to GET it (status, owner, type). Absent values are left out.

const present = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined))

/** CONSUMER_*: { id, kycStatus, linkcyStatus, suspensionStatus }. */
export const consumerData = (c: Pick<ConsumerRow, 'id' | 'kycStatus' | 'linkcyStatus' | 'suspensionStatus'>) =>
  ({ id: c.id, kycStatus: c.kycStatus, linkcyStatus: c.linkcyStatus, suspensionStatus: c.suspensionStatus })

/** The KYC event of a status: CREATED and VALIDATED have their own, every other status is an update. */
export const consumerKycEvent = (status: string): WebhookEventType =>
  status === 'CREATED' ? 'CONSUMER_KYC_CREATED' : status === 'VALIDATED' ? 'CONSUMER_KYC_VALIDATED' : 'CONSUMER_KYC_UPDATED'

/** The login event of an end-user kind. */
export const loggedInEvent = (kind: string): WebhookEventType => (kind === 'CORPORATE' ? 'CORPORATE_LOGGED_IN' : 'CONSUMER_LOGGED_IN')

/** BENEFICIARY_*: { id, endUserId, status, active }. */
export const beneficiaryData = (b: Pick<BeneficiaryRow, 'id' | 'endUserId' | 'status' | 'active'>) =>
  ({ id: b.id, endUserId: b.endUserId, status: b.status, active: b.active })

/** Card statuses a card only passes through: no CARD_UPDATED for them (the settled status follows). */
const TRANSIENT_CARD_STATUSES: readonly string[] = ['CREATING', 'ACTIVATING', 'REACTIVATING', 'SUSPENDING', 'CLOSING']

/** The event of a card moving from `from` to `to`: none for a transient or unchanged status. */
export const cardStatusEvent = (from: string, to: string): WebhookEventType | undefined =>
  from === to || TRANSIENT_CARD_STATUSES.includes(to) ? undefined : to === 'CLOSED' ? 'CARD_CLOSED' : 'CARD_UPDATED'

/** CARD_*: { id, endUserId, ledgerId, type, status }. */
export const cardData = (c: Pick<CardRow, 'id' | 'endUserId' | 'ledgerId' | 'type' | 'status'>) =>
  ({ id: c.id, endUserId: c.endUserId, ledgerId: c.ledgerId, type: c.type, status: c.status })

/** LEDGER_*: { id, endUserId, type, status }. */
export const ledgerData = (l: Pick<LedgerRow, 'id' | 'endUserId' | 'type' | 'status'>) =>
  ({ id: l.id, endUserId: l.endUserId, type: l.type, status: l.status })

/** MANDATE_*: { id, endUserId, status }. */
export const mandateData = (m: Pick<MandateRow, 'id' | 'endUserId' | 'status'>) => ({ id: m.id, endUserId: m.endUserId, status: m.status })

/** TRANSACTION_*: { id, type, paymentType, status, sender/receiver ledger and end-user ids when known }. */
export const transactionData = (t: TransactionRow) =>
  present({
    id: t.id, type: t.type, paymentType: t.paymentType, status: t.status,
    senderLedgerId: t.senderLedgerId, senderEndUserId: t.senderEndUserId, receiverLedgerId: t.receiverLedgerId, receiverEndUserId: t.receiverEndUserId,
  })
