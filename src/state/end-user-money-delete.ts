import { and, eq, inArray, isNull, or, sql, type SQLWrapper } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { beneficiaries, endUserSuspensions, ledgers, mandates, scheduledJobs, transactions } from './db/schema'
import type { Store } from './store'
import { deleteEndUserCards } from './cards-delete'
import { deleteFileLinks } from './documents/file-links'

// The money an end-user leaves behind when the sandbox deletes it (DELETE /consumers/{id}): its
// ledgers with their documents, its suspensions, beneficiaries and mandates, the transactions that
// concern its ledgers only, and the scheduled jobs of all these (state/jobs.ts lists their payloads).

/**
 * Removes the end-user's money rows. A transaction between one of its ledgers and another end-user's
 * stays, unchanged, so the other side keeps reading it (its statement is history); another
 * end-user's beneficiary or mandate whose IBAN was one of the deleted ledgers keeps that IBAN, now
 * an account outside the simulator. The end-user's cards go too (state/cards-delete.ts).
 */
export function deleteEndUserMoney(store: Store, partnerId: string, endUserId: string): void {
  const ownLedgers = store.db.select({ id: ledgers.id }).from(ledgers).where(and(eq(ledgers.partnerId, partnerId), eq(ledgers.endUserId, endUserId)))
  const ownMandates = store.db.select({ id: mandates.id }).from(mandates).where(and(eq(mandates.partnerId, partnerId), eq(mandates.endUserId, endUserId)))
  // A side that is empty (an outside account) or one of the end-user's ledgers.
  const ownSide = (ledgerColumn: SQLiteColumn) => or(isNull(ledgerColumn), inArray(ledgerColumn, ownLedgers))
  const ownTransactions = and(
    or(inArray(transactions.senderLedgerId, ownLedgers), inArray(transactions.receiverLedgerId, ownLedgers)),
    ownSide(transactions.senderLedgerId),
    ownSide(transactions.receiverLedgerId),
  )
  // Scheduled jobs name what they act on in their payload: { ledgerId }, { mandateId } or { transactionId }.
  const about = (key: string, ids: SQLWrapper) => inArray(sql`json_extract(${scheduledJobs.payload}, ${`$.${key}`})`, ids)

  deleteEndUserCards(store, partnerId, endUserId)
  store.db.delete(scheduledJobs).where(and(eq(scheduledJobs.partnerId, partnerId), or(
    about('ledgerId', ownLedgers),
    about('mandateId', ownMandates),
    about('transactionId', store.db.select({ id: transactions.id }).from(transactions).where(ownTransactions)),
  ))).run()
  store.db.delete(transactions).where(ownTransactions).run()
  store.db.update(beneficiaries).set({ ledgerId: null }).where(inArray(beneficiaries.ledgerId, ownLedgers)).run()
  store.db.update(mandates).set({ debtorLedgerId: null }).where(inArray(mandates.debtorLedgerId, ownLedgers)).run()
  deleteFileLinks(store, ownLedgers)
  store.db.delete(beneficiaries).where(and(eq(beneficiaries.partnerId, partnerId), eq(beneficiaries.endUserId, endUserId))).run()
  store.db.delete(mandates).where(and(eq(mandates.partnerId, partnerId), eq(mandates.endUserId, endUserId))).run()
  store.db.delete(endUserSuspensions).where(and(eq(endUserSuspensions.partnerId, partnerId), eq(endUserSuspensions.endUserId, endUserId))).run()
  store.db.delete(ledgers).where(and(eq(ledgers.partnerId, partnerId), eq(ledgers.endUserId, endUserId))).run()
}
