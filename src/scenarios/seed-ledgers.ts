import { z } from 'zod'
import { credit, tryDebit } from '../state/balances'
import { endUserById } from '../state/end-users'
import { ledgers } from '../state/db/schema'
import { buildIban } from '../state/iban'
import { newAccountIdentifiers } from '../state/iban-generator'
import { LEDGER_TYPE_INFO, LEDGER_TYPES } from '../state/ledger-types'
import { ledgerById, type LedgerRow } from '../state/ledgers'
import { toCents } from '../state/money'
import { getPartner, partnerSettings } from '../state/partners'
import { schedule } from '../state/scheduler'
import type { Store } from '../state/store'
import { recordTransaction } from '../state/transactions'
import { outsideMovementKind } from '../state/transfers-incoming'
import { externalParty, ledgerParty } from '../state/transfers-parties'
import { ScenarioError } from './scenario-error'
import { CardSeedSchema, seedCards } from './seed-cards'

// Scenario support for ledgers: consumers[].ledgers declares accounts in any status, with a balance
// and a history of past transfers, so a demo starts with money already there.

const DAY_MS = 24 * 3600 * 1000
const amount = z.number().nonnegative().refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most two decimals')

/** consumers[].ledgers[].transactions[]: a past incoming (CREDIT) or outgoing (DEBIT) SEPA transfer. */
export const LedgerTransactionSeedSchema = z.strictObject({
  amount: amount.refine((n) => n > 0, 'must be greater than 0'),
  direction: z.enum(['CREDIT', 'DEBIT']),
  /** The transfer's reference (remittance information). */
  reference: z.string().max(140).optional(),
  /** Alias of reference. */
  label: z.string().max(140).optional(),
  counterpartyName: z.string().max(140).optional(),
  counterpartyIban: z.string().optional(),
  /** How many days before the scenario's load time it happened (default: one per transaction, oldest first). */
  daysAgo: z.number().min(0).max(3650).optional(),
})

/** consumers[].ledgers[]: a ledger of the consumer. Balance = `balance`, else the sum of its transactions. */
export const LedgerSeedSchema = z.strictObject({
  /** A name for this ledger inside the scenario; the loader answers its id under it. */
  ref: z.string().optional(),
  type: z.enum(LEDGER_TYPES).default('EUR_FRANCE'),
  friendlyName: z.string().max(255).optional(),
  status: z.enum(['PENDING', 'ACTIVE', 'SUSPENDED', 'CLOSED', 'FAILED']).default('ACTIVE'),
  isUpgraded: z.boolean().default(true),
  autoUpgrade: z.boolean().default(false),
  /** Available balance in the ledger's currency (an "Opening balance" credit makes up the difference). */
  balance: amount.optional(),
  transactions: z.array(LedgerTransactionSeedSchema).max(500).default([]),
  /** Cards of this ledger in any status (scenarios/seed-cards.ts). */
  cards: z.array(CardSeedSchema).default([]),
})

export type LedgerSeed = z.infer<typeof LedgerSeedSchema>

/** Creates the declared ledgers of a seeded consumer; answers their ids by ref (or `<consumerRef>.<index>`). */
export function seedLedgers(
  store: Store, partnerId: string, consumerId: string, seeds: LedgerSeed[], path: string, refPrefix: string, cardIds: Record<string, string> = {},
): Record<string, string> {
  const ids: Record<string, string> = {}
  seeds.forEach((seed, i) => {
    const ref = seed.ref ?? `${refPrefix}.${i}`
    ids[ref] = seedLedger(store, partnerId, consumerId, seed, `${path}[${i}]`)
    Object.assign(cardIds, seedCards(store, ledgerById(store, ids[ref])!, seed.cards, `${path}[${i}].cards`, ref))
  })
  return ids
}

interface Movement { cents: number; direction: 'CREDIT' | 'DEBIT'; at: number; reference?: string; name?: string; iban?: string }

function seedLedger(store: Store, partnerId: string, consumerId: string, seed: LedgerSeed, path: string): string {
  const now = store.clock.nowMs()
  const count = seed.transactions.length
  const movements: Movement[] = seed.transactions.map((t, i) => ({
    cents: toCents(t.amount), direction: t.direction, at: now - (t.daysAgo ?? count - i) * DAY_MS,
    reference: t.reference ?? t.label, name: t.counterpartyName, iban: t.counterpartyIban,
  }))
  movements.sort((a, b) => a.at - b.at)
  const net = movements.reduce((sum, m) => sum + (m.direction === 'CREDIT' ? m.cents : -m.cents), 0)
  const target = seed.balance === undefined ? Math.max(net, 0) : toCents(seed.balance)
  const opening = target - net
  if (opening < 0) throw new ScenarioError([{ path: `${path}.balance`, message: 'the transactions add up to more than the balance', rejectedValue: seed.balance }])
  let running = opening
  for (const m of movements) {
    running += m.direction === 'CREDIT' ? m.cents : -m.cents
    if (running < 0) throw new ScenarioError([{ path: `${path}.transactions`, message: 'a debit exceeds the balance before it (debits and credits are booked oldest first)' }])
  }
  if (seed.status === 'CLOSED' && target !== 0) throw new ScenarioError([{ path: `${path}.balance`, message: 'a CLOSED ledger has a zero balance', rejectedValue: seed.balance }])
  const oldest = movements[0]?.at ?? now
  const creationDate = Math.min(oldest, now) - 2 * DAY_MS

  const info = LEDGER_TYPE_INFO[seed.type]
  const accountIds = newAccountIdentifiers(store, seed.type)
  const live = seed.status === 'ACTIVE' || seed.status === 'SUSPENDED' || seed.status === 'CLOSED'
  const row: LedgerRow = {
    id: store.rng.uuid(), partnerId, endUserId: consumerId, endUserKind: endUserById(store, consumerId)?.kind ?? 'CONSUMER', parentId: null, type: seed.type,
    country: info.country, currency: info.currency, friendlyName: seed.friendlyName ?? null,
    iban: accountIds.iban ?? null, bicOrSwift: accountIds.bicOrSwift, accountNumber: accountIds.accountNumber ?? null,
    sortCode: accountIds.sortCode ?? null, routingNumber: accountIds.routingNumber ?? null,
    status: seed.status, isUpgraded: live && seed.isUpgraded, autoUpgrade: seed.autoUpgrade, limits: null,
    availableCents: 0, reservedCents: 0,
    suspensions: seed.status === 'SUSPENDED' ? [{ operator: 'PARTNER', reason: 'Suspended in the scenario', date: now }] : [],
    closeInformation: seed.status === 'CLOSED' ? { operator: 'PARTNER', reason: 'Closed in the scenario', date: now } : null,
    activationDate: live ? creationDate + 2000 : null, creationDate, updateDate: now,
  }
  store.db.insert(ledgers).values(row).run()

  if (opening > 0) book(store, row, { cents: opening, direction: 'CREDIT', at: oldest - DAY_MS, reference: 'Opening balance', name: 'Opening balance' })
  for (const m of movements) book(store, row, m)
  if (seed.status === 'PENDING') {
    const delayMs = partnerSettings(getPartner(store, partnerId)).ledgerActivationSeconds * 1000
    schedule(store, partnerId, 'LEDGER_ACTIVATION', now + delayMs, { ledgerId: row.id })
  }
  return row.id
}

/** Books a past movement: approved, received (CREDIT) or sent (DEBIT) as the ledger's account can (outsideMovementKind), dated `m.at`, and moves the balance. */
function book(store: Store, ledger: LedgerRow, m: Movement): void {
  const incoming = m.direction === 'CREDIT'
  const outside = externalParty(
    m.name ?? (incoming ? store.rng.fake().person.fullName() : store.rng.fake().company.name()),
    m.iban ?? buildIban('DE', `37040044${store.rng.digits(10)}`),
  )
  if (incoming) credit(store, ledger.id, m.cents)
  else tryDebit(store, ledger.id, m.cents) // always covered: seedLedger checked the running balance
  recordTransaction(store, {
    partnerId: ledger.partnerId, ...outsideMovementKind(ledger, m.direction), status: 'APPROVED',
    amountCents: m.cents, currency: ledger.currency,
    ...(incoming ? { receiverLedgerId: ledger.id, receiverEndUserId: ledger.endUserId } : { senderLedgerId: ledger.id, senderEndUserId: ledger.endUserId }),
    sender: incoming ? outside : ledgerParty(store, ledger),
    receiver: incoming ? ledgerParty(store, ledger) : outside,
    information: { reference: m.reference, clearingDate: m.at },
    creationDate: m.at,
  })
}
