import { and, eq, inArray, notExists } from 'drizzle-orm'
import { emailVerifications, endUserDocuments, kycApplications, outbox, phoneVerifications, scaDevices, scaInteractions, transactions, webPages } from './db/schema'
import { deleteCredentials } from './auth'
import type { PrincipalKind } from './db/tables/auth'
import { deleteFileLinks } from './documents/file-links'
import { deleteEndUserMoney } from './end-user-money-delete'
import type { Store } from './store'

// What a sandbox deletion of an end-user (DELETE /consumers/{id}, DELETE /corporates/{id}) removes
// besides the end-user's own rows: its people's verifications and KYCs, messages, SCA, documents,
// money (state/end-user-money-delete.ts) and login.

/**
 * Removes everything that hangs off an end-user: the phone and e-mail verifications and KYC
 * applications of its people (`personIds`: the consumer itself, or a corporate's related persons),
 * their hosted pages, sent messages, SCA devices and interactions, uploaded documents, its money (with
 * the payment pages of its ledgers' acquiring transactions) and its login with its tokens.
 */
export function deleteEndUserFootprint(store: Store, partnerId: string, kind: Exclude<PrincipalKind, 'PARTNER'>, endUserId: string, personIds: string[]): void {
  const people = [...new Set([endUserId, ...personIds])]
  const ofPeople = <T extends typeof kycApplications | typeof emailVerifications | typeof phoneVerifications>(table: T) =>
    and(eq(table.partnerId, partnerId), inArray(table.personId, people))
  const kycIds = store.db.select({ id: kycApplications.id }).from(kycApplications).where(ofPeople(kycApplications)).all().map((r) => r.id)
  const emailIds = store.db.select({ id: emailVerifications.id }).from(emailVerifications).where(ofPeople(emailVerifications)).all().map((r) => r.id)
  store.db.delete(webPages).where(and(eq(webPages.partnerId, partnerId), inArray(webPages.resourceId, [...people, ...kycIds, ...emailIds]))).run()
  store.db.delete(kycApplications).where(ofPeople(kycApplications)).run()
  store.db.delete(emailVerifications).where(ofPeople(emailVerifications)).run()
  store.db.delete(phoneVerifications).where(ofPeople(phoneVerifications)).run()
  store.db.delete(outbox).where(and(eq(outbox.partnerId, partnerId), inArray(outbox.personId, people))).run()
  store.db.delete(scaInteractions).where(and(eq(scaInteractions.partnerId, partnerId), eq(scaInteractions.endUserId, endUserId))).run()
  store.db.delete(scaDevices).where(and(eq(scaDevices.partnerId, partnerId), eq(scaDevices.endUserId, endUserId))).run()
  const documents = and(eq(endUserDocuments.partnerId, partnerId), eq(endUserDocuments.endUserId, endUserId))
  deleteFileLinks(store, store.db.select({ id: endUserDocuments.id }).from(endUserDocuments).where(documents))
  store.db.delete(endUserDocuments).where(documents).run()
  deleteEndUserMoney(store, partnerId, endUserId)
  // The hosted payment pages of the acquiring transactions that went with its ledgers.
  const paymentGone = notExists(store.db.select({ id: transactions.id }).from(transactions).where(eq(transactions.id, webPages.resourceId)))
  store.db.delete(webPages).where(and(eq(webPages.partnerId, partnerId), eq(webPages.kind, 'PAYMENT'), paymentGone)).run()
  deleteCredentials(store, kind, endUserId)
}
