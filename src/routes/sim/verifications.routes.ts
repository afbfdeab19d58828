import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { confirmEmailVerification, emailVerificationPath, emailVerificationStatus, listEmailVerifications, type EmailVerificationRow } from '../../state/email-verification'
import { addressVerificationPath, completeAddressVerification } from '../../state/address-verification'
import { SimError } from '../../state/errors'
import { findPartnerByName } from '../../state/partners'
import { tx } from '../../state/store'

// /_sim control of verifications: list e-mail verification links and "click" one without a browser;
// complete a LINK proof-of-address page. Answers JSON; unknown ids are LinkCy's RESOURCE_NOT_FOUND.
export const simVerificationRoutes = new Hono<AppEnv>()

const origin = (url: string): string => new URL(url).origin

function presentEmail(row: EmailVerificationRow, now: number, base: string) {
  return {
    id: row.id, personId: row.personId, emailAddress: row.emailAddress, status: emailVerificationStatus(row, now),
    link: `${base}${emailVerificationPath(row.id)}`, urlOnSuccess: row.urlOnSuccess ?? undefined, urlOnFailure: row.urlOnFailure ?? undefined,
    expiresAt: new Date(row.expiresAt).toISOString(), createdAt: new Date(row.createdAt).toISOString(),
  }
}

// GET /_sim/email-verifications?personId=&partnerName= : links, newest first.
simVerificationRoutes.get('/email-verifications', (c) => {
  const store = c.var.store
  const q = c.req.query()
  const partnerId = q.partnerName ? (findPartnerByName(store, q.partnerName)?.id ?? 'none') : undefined
  const rows = listEmailVerifications(store, { partnerId, personId: q.personId })
  const now = store.clock.nowMs()
  return c.json({ content: rows.map((r) => presentEmail(r, now, origin(c.req.url))), totalElements: rows.length })
})

// POST /_sim/email-verifications/{id}/click : what confirming the link page does. An expired link is
// 409 EXPIRED_RESOURCE; a link whose consumer changed e-mail since is 409 too (nothing verified).
simVerificationRoutes.post('/email-verifications/:id/click', (c) => {
  const store = c.var.store
  const id = c.req.param('id')
  const result = tx(store, () => confirmEmailVerification(store, id))
  if (result.outcome !== 'VERIFIED') throw new SimError('EXPIRED_RESOURCE', [id])
  return c.json({ ...presentEmail(result.verification, store.clock.nowMs(), origin(c.req.url)), outcome: result.outcome, redirect: result.redirect })
})

// POST /_sim/address-verifications/{id}/complete : what completing the proof-of-address page does.
simVerificationRoutes.post('/address-verifications/:id/complete', (c) => {
  const store = c.var.store
  const id = c.req.param('id')
  const { outcome, page } = tx(store, () => completeAddressVerification(store, id))
  if (outcome === 'EXPIRED') throw new SimError('EXPIRED_RESOURCE', [id])
  return c.json({ id: page.id, personId: page.resourceId, outcome, url: `${origin(c.req.url)}${addressVerificationPath(page.id)}` }, outcome === 'VERIFIED' ? 200 : 409)
})
