import { and, eq, inArray } from 'drizzle-orm'
import { consumers, emailVerifications, endUserDocuments, kycApplications, outbox, phoneVerifications, scaDevices, scaInteractions, webPages } from './db/schema'
import { deleteCredentials } from './auth'
import { getConsumer } from './consumers'
import { deleteEndUserMoney } from './end-user-money-delete'
import { deleteFileLinks } from './documents/file-links'
import type { Scope } from './scope'
import type { Store } from './store'

/**
 * DELETE /consumers/{id} (sandbox only): removes the consumer and everything that hangs off it
 * (login and tokens, phone and e-mail verifications, KYC applications, their hosted pages, sent
 * messages, SCA devices and interactions, uploaded documents, and its money: state/end-user-money-delete.ts), so its
 * phone can be used again. Another partner's consumer reads as CONSUMER_NOT_FOUND.
 */
export function deleteConsumer(store: Store, scope: Scope, consumerId: string): void {
  const consumer = getConsumer(store, scope, consumerId)
  const { id, partnerId } = consumer
  const kycIds = store.db.select({ id: kycApplications.id }).from(kycApplications).where(and(eq(kycApplications.partnerId, partnerId), eq(kycApplications.personId, id))).all().map((r) => r.id)
  const emailIds = store.db.select({ id: emailVerifications.id }).from(emailVerifications).where(and(eq(emailVerifications.partnerId, partnerId), eq(emailVerifications.personId, id))).all().map((r) => r.id)
  const pageResources = [id, ...kycIds, ...emailIds]
  store.db.delete(webPages).where(and(eq(webPages.partnerId, partnerId), inArray(webPages.resourceId, pageResources))).run()
  store.db.delete(kycApplications).where(and(eq(kycApplications.partnerId, partnerId), eq(kycApplications.personId, id))).run()
  store.db.delete(emailVerifications).where(and(eq(emailVerifications.partnerId, partnerId), eq(emailVerifications.personId, id))).run()
  store.db.delete(phoneVerifications).where(and(eq(phoneVerifications.partnerId, partnerId), eq(phoneVerifications.personId, id))).run()
  store.db.delete(outbox).where(and(eq(outbox.partnerId, partnerId), eq(outbox.personId, id))).run()
  store.db.delete(scaInteractions).where(and(eq(scaInteractions.partnerId, partnerId), eq(scaInteractions.endUserId, id))).run()
  store.db.delete(scaDevices).where(and(eq(scaDevices.partnerId, partnerId), eq(scaDevices.endUserId, id))).run()
  const documentIds = store.db.select({ id: endUserDocuments.id }).from(endUserDocuments).where(and(eq(endUserDocuments.partnerId, partnerId), eq(endUserDocuments.endUserId, id))).all().map((r) => r.id)
  deleteFileLinks(store, documentIds)
  store.db.delete(endUserDocuments).where(and(eq(endUserDocuments.partnerId, partnerId), eq(endUserDocuments.endUserId, id))).run()
  deleteEndUserMoney(store, partnerId, id)
  deleteCredentials(store, 'CONSUMER', id)
  store.db.delete(consumers).where(eq(consumers.id, id)).run()
}
