import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import { emailVerifications } from './db/schema'
import { SimError } from './errors'
import { recordMessage } from './outbox'
import { getPartner } from './partners'
import type { Scope } from './scope'
import type { Store } from './store'
import { pageUrl, partnerPerson, setVerifiedAt, verifiablePerson, type PersonTarget } from './verifications'
import { closeWebPage, openWebPage } from './web-pages'
import { consumerData, emitEvent } from './webhooks'

// E-mail verification: LinkCy e-mails a link (valid 48 hours); opening it and confirming marks the
// consumer's e-mail address verified, then redirects to the partner's urlOnSuccess / urlOnFailure.
// The simulator records the e-mail in the outbox and hosts the link at /pages/email-verifications/{id}.

export type EmailVerificationRow = typeof emailVerifications.$inferSelect

/** Lifetime of an e-mail verification link, on the simulator clock. */
export const EMAIL_LINK_TTL_MS = 48 * 3600_000
/** The ttl LinkCy answers to a send. */
export const EMAIL_LINK_TTL = 'PT48H'
/** LinkCy's default subject; {partnerName} is replaced in it (and in a partner's own subject). */
export const DEFAULT_EMAIL_SUBJECT = '[{partnerName}] Please verify your email address'

export interface EmailVerificationRequest extends PersonTarget {
  emailSubject?: string
  urlOnSuccess?: string
  urlOnFailure?: string
}

/** Path of the page an e-mail verification link opens. */
export const emailVerificationPath = (id: string): string => `/pages/email-verifications/${id}`

/**
 * POST /verifications/email/send: e-mails a verification link to the person's current address (a
 * consumer's, or a corporate-related person's).
 * PERSON_NOT_FOUND is a 404 here (as the reference documents); no address → EMAIL_MUST_NOT_BE_NULL.
 * Earlier links stay usable until they expire (each is bound to the address it was sent to).
 */
export function sendEmailVerification(store: Store, scope: Scope, req: EmailVerificationRequest, origin: string): { ttl: string; link: string } {
  const person = verifiablePerson(store, scope, req, 404)
  if (!person.emailAddress) throw new SimError('EMAIL_MUST_NOT_BE_NULL')
  if (person.emailVerifiedAt !== null) throw new SimError('EMAIL_ALREADY_VERIFIED')
  const now = store.clock.nowMs()
  const id = store.rng.uuid()
  store.db
    .insert(emailVerifications)
    .values({
      id, partnerId: scope.partnerId, personId: person.id, emailAddress: person.emailAddress,
      urlOnSuccess: req.urlOnSuccess ?? null, urlOnFailure: req.urlOnFailure ?? null,
      status: 'PENDING', expiresAt: now + EMAIL_LINK_TTL_MS, createdAt: now,
    })
    .run()
  const partner = getPartner(store, scope.partnerId)
  const partnerName = partner.displayName ?? partner.name
  const subject = (req.emailSubject ?? DEFAULT_EMAIL_SUBJECT).replaceAll('{partnerName}', partnerName)
  const link = pageUrl(origin, emailVerificationPath(id))
  openWebPage(store, { id, partnerId: scope.partnerId, kind: 'EMAIL_VERIFICATION', resourceId: id, expiresAt: now + EMAIL_LINK_TTL_MS, createdAt: now })
  recordMessage(store, {
    partnerId: scope.partnerId, channel: 'EMAIL', recipient: person.emailAddress, personId: person.id, purpose: 'EMAIL_VERIFICATION',
    text: `${subject}\n\nHello,\n\nPlease confirm your email address for ${partnerName} by opening this link: ${link}\n\nThe link is valid for 48 hours.`,
    payload: { subject, link },
  })
  return { ttl: EMAIL_LINK_TTL, link }
}

/** An e-mail verification link by id (links are bearer URLs: not scoped to a partner), or undefined. */
export function findEmailVerification(store: Store, id: string): EmailVerificationRow | undefined {
  return store.db.select().from(emailVerifications).where(eq(emailVerifications.id, id)).get()
}

/** The status a link shows now: VERIFIED once used, EXPIRED after its 48 hours, else PENDING. */
export function emailVerificationStatus(row: EmailVerificationRow, now: number): 'PENDING' | 'VERIFIED' | 'EXPIRED' {
  if (row.status === 'VERIFIED') return 'VERIFIED'
  return row.expiresAt <= now ? 'EXPIRED' : 'PENDING'
}

/** Links, newest first, optionally of one partner or person (control plane). */
export function listEmailVerifications(store: Store, filter: { partnerId?: string; personId?: string }): EmailVerificationRow[] {
  const where: SQL[] = []
  if (filter.partnerId) where.push(eq(emailVerifications.partnerId, filter.partnerId))
  if (filter.personId) where.push(eq(emailVerifications.personId, filter.personId))
  return store.db.select().from(emailVerifications).where(and(...where)).orderBy(desc(sql`rowid`)).all()
}

/** What confirming a link did, and where the person's browser goes next (urlOnSuccess / urlOnFailure). */
export interface EmailConfirmation {
  outcome: 'VERIFIED' | 'EXPIRED' | 'EMAIL_CHANGED'
  verification: EmailVerificationRow
  redirect?: string
}

/**
 * The person confirmed the link: marks its e-mail verified (idempotent), unless the link
 * expired or the person's address changed since it was sent (a failure, redirected to urlOnFailure).
 * Unknown link → RESOURCE_NOT_FOUND.
 */
export function confirmEmailVerification(store: Store, id: string): EmailConfirmation {
  const row = findEmailVerification(store, id)
  if (!row) throw new SimError('RESOURCE_NOT_FOUND')
  const now = store.clock.nowMs()
  const fail = (outcome: 'EXPIRED' | 'EMAIL_CHANGED'): EmailConfirmation => ({ outcome, verification: row, redirect: row.urlOnFailure ?? undefined })
  const status = emailVerificationStatus(row, now)
  if (status === 'EXPIRED') return fail('EXPIRED')
  const person = partnerPerson(store, row.partnerId, row.personId)
  if (!person || person.emailAddress !== row.emailAddress) return fail('EMAIL_CHANGED')
  if (status === 'PENDING') {
    store.db.update(emailVerifications).set({ status: 'VERIFIED' }).where(eq(emailVerifications.id, row.id)).run()
    closeWebPage(store, 'EMAIL_VERIFICATION', row.id)
    if (person.emailVerifiedAt === null) {
      setVerifiedAt(store, person, { emailVerifiedAt: now }, now)
      if (person.consumer) emitEvent(store, person.partnerId, 'CONSUMER_UPDATED', consumerData(person.consumer))
    }
  }
  return { outcome: 'VERIFIED', verification: { ...row, status: 'VERIFIED' }, redirect: row.urlOnSuccess ?? undefined }
}
