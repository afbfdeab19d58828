import { and, eq } from 'drizzle-orm'
import { webPages } from './db/schema'
import { SimError, ValidationError } from './errors'
import { formatIsoDuration, parseIsoDuration } from './clock'
import { getPartner, partnerSettings } from './partners'
import { partnerCorporate, setCorporateColumns } from './corporates'
import { emitEndUserUpdated, findEndUser, findVisibleEndUser } from './end-users'
import { partnerConsumer, setConsumerColumns } from './persons'
import { isEndUser, type Scope } from './scope'
import { visibleDocument } from './end-user-documents'
import type { Store } from './store'
import { pageUrl } from './verifications'
import { openWebPage, type WebPageRow } from './web-pages'

// Proof-of-address (POA) verification: LINK hands out a page where the end-user completes its POA;
// UPLOADED_DOCUMENT uses a POA document already uploaded; DELEGATED (partners with delegatedPoa)
// sets the address VERIFIED on the partner's word. A verified address shows status VERIFIED: a
// consumer's address, a corporate's registered address (SIM: the address LinkCy's KYB checks).

export type AddressVerificationType = 'LINK' | 'UPLOADED_DOCUMENT' | 'DELEGATED'

export interface AddressVerificationRequest {
  type: AddressVerificationType
  endUserId?: string
  documentId?: string
  /** Lifetime of the LINK page (newer docs; ISO-8601 duration). */
  ttl?: string
}

/** The parts of an uploaded document an address verification needs. */
export interface PoaDocument {
  id: string
  type: string
  personId: string
}

/** Lifetime of a LINK page when the request names none. */
export const ADDRESS_LINK_TTL_MS = 48 * 3600_000
/** Document type a POA must have. */
export const PROOF_OF_ADDRESS = 'PROOF_OF_ADDRESS'

/** Path of the page a LINK address verification points to. */
export const addressVerificationPath = (id: string): string => `/pages/address-verifications/${id}`

/** The uploaded document with this id visible to the caller, or undefined. */
export function findDocument(store: Store, scope: Scope, documentId: string): PoaDocument | undefined {
  const row = visibleDocument(store, scope, documentId)
  // A document LinkCy requested but nobody uploaded yet has no file to verify against.
  if (!row || !row.content) return undefined
  return { id: row.id, type: row.type, personId: row.endUserId }
}

/** LinkCy only verifies an address against a PROOF_OF_ADDRESS document (else INVALID_DOCUMENT_TYPE). */
export function assertProofOfAddress(document: PoaDocument): void {
  if (document.type !== PROOF_OF_ADDRESS) throw new SimError('INVALID_DOCUMENT_TYPE', [document.id, PROOF_OF_ADDRESS, document.type])
}

/**
 * POST /verifications/address. LINK → {url, ttl} of a page the end-user completes (unknown end-user:
 * 400 END_USER_NOT_FOUND); UPLOADED_DOCUMENT / DELEGATED → the address becomes VERIFIED at once.
 * DELEGATED needs the partner setting delegatedPoa (else 409 OPERATION_NOT_ALLOWED).
 */
export function verifyAddress(store: Store, scope: Scope, req: AddressVerificationRequest, origin: string): { url?: string; ttl?: string } {
  if (req.type === 'LINK') return createAddressLink(store, scope, req, origin)
  if (req.type === 'DELEGATED' && !partnerSettings(getPartner(store, scope.partnerId)).delegatedPoa) throw new SimError('OPERATION_NOT_ALLOWED')
  const documentId = req.documentId!
  const document = findDocument(store, scope, documentId)
  if (!document) throw new SimError('DOCUMENT_NOT_FOUND', [documentId], { field: 'documentId', rejectedValue: documentId })
  assertProofOfAddress(document)
  // SIM: the sandbox accepts every POA document at once (no review delay).
  markAddressVerified(store, scope.partnerId, document.personId)
  return {}
}

function createAddressLink(store: Store, scope: Scope, req: AddressVerificationRequest, origin: string): { url: string; ttl: string } {
  const endUserId = scope.principal && isEndUser(scope) ? scope.principal.id : req.endUserId
  if (!endUserId) throw new ValidationError([{ field: 'endUserId', rejectedValue: null, message: 'must not be null' }])
  const user = findVisibleEndUser(store, scope, endUserId)
  if (!user) throw new SimError('END_USER_NOT_FOUND', [endUserId], { field: 'endUserId', rejectedValue: endUserId })
  const ttlMs = req.ttl === undefined ? ADDRESS_LINK_TTL_MS : parseIsoDuration(req.ttl)
  if (!ttlMs || ttlMs <= 0) throw new ValidationError([{ field: 'ttl', rejectedValue: req.ttl, message: 'must be a positive ISO-8601 duration' }])
  const now = store.clock.nowMs()
  const id = openWebPage(store, { partnerId: scope.partnerId, kind: 'ADDRESS_VERIFICATION', resourceId: user.id, expiresAt: now + ttlMs, createdAt: now })
  return { url: pageUrl(origin, addressVerificationPath(id)), ttl: formatIsoDuration(ttlMs) }
}

/**
 * Sets the end-user's address status to VERIFIED (a consumer's address, a corporate's registered
 * address); false when it has none. Also what a physical card's first activation does.
 */
export function markAddressVerified(store: Store, partnerId: string, endUserId: string): boolean {
  const now = store.clock.nowMs()
  const consumer = partnerConsumer(store, partnerId, endUserId)
  const corporate = consumer ? undefined : partnerCorporate(store, partnerId, endUserId)
  const address = consumer ? consumer.profile.address : corporate?.profile.registeredAddress
  if (!address) return false
  if (address.status === 'VERIFIED') return true
  const verified = { ...address, status: 'VERIFIED' as const }
  if (consumer) setConsumerColumns(store, consumer.id, { profile: { ...consumer.profile, address: verified } }, now)
  else setCorporateColumns(store, corporate!.id, { profile: { ...corporate!.profile, registeredAddress: verified } }, now)
  emitEndUserUpdated(store, findEndUser(store, partnerId, endUserId)!)
  return true
}

/** A LINK address-verification page by id (bearer URL: not scoped to a partner), or undefined. */
export function findAddressPage(store: Store, id: string): WebPageRow | undefined {
  return store.db.select().from(webPages).where(and(eq(webPages.id, id), eq(webPages.kind, 'ADDRESS_VERIFICATION'))).get()
}

/** What completing a LINK page did. */
export interface AddressCompletion {
  outcome: 'VERIFIED' | 'EXPIRED' | 'NO_ADDRESS'
  page: WebPageRow
}

/**
 * The end-user completed its proof of address on the LINK page: the address becomes VERIFIED
 * (idempotent). Expired page → EXPIRED; a consumer without an address → NO_ADDRESS. Unknown page →
 * RESOURCE_NOT_FOUND.
 */
export function completeAddressVerification(store: Store, id: string): AddressCompletion {
  const page = findAddressPage(store, id)
  if (!page) throw new SimError('RESOURCE_NOT_FOUND')
  if (page.status === 'DONE') return { outcome: 'VERIFIED', page }
  if (page.expiresAt <= store.clock.nowMs()) return { outcome: 'EXPIRED', page }
  if (!markAddressVerified(store, page.partnerId, page.resourceId)) return { outcome: 'NO_ADDRESS', page }
  store.db.update(webPages).set({ status: 'DONE' }).where(eq(webPages.id, page.id)).run()
  return { outcome: 'VERIFIED', page: { ...page, status: 'DONE' } }
}
