import { and, eq } from 'drizzle-orm'
import { credentials, partnerAccounts, passwordSecrets, refreshTokens, type PrincipalKind } from './db/schema'
import { AuthError, SimError } from './errors'
import { findEndUser, findEndUserByPhone, isForbidden, type EndUserRef } from './end-users'
import { signJwt, verifyJwt } from './jwt'
import { findPartnerByName, getPartner, partnerSettings, type PartnerRow } from './partners'
import { checkPassword, hashPassword, hashToken } from './passwords'
import type { Principal } from './scope'
import type { Store } from './store'
import { recordMessage } from './outbox'
import { emitEvent, loggedInEvent } from './webhooks'

export type CredentialRow = typeof credentials.$inferSelect

export interface TokenPair {
  token: string
  refreshToken: string
  endUserId?: string
}

/** The roles an end-user token carries: what a consumer or corporate may do on its own data. */
export const END_USER_ROLES = [
  'CONSUMER_INFO', 'CONSUMER_UPDATE', 'KYC_CREATE', 'KYC_INFO', 'PHONE_VERIFICATION_SEND', 'PHONE_VERIFICATION_VERIFY',
  'EMAIL_VERIFICATION_CREATE', 'ADDRESS_VERIFY', 'DOCUMENT_CREATE',
] as const

/** Password-change secrets (reset by SMS, sandbox reset, first OTP login) live this long. */
export const PASSWORD_SECRET_TTL_MS = 10 * 60_000

const BAD_CREDENTIALS = 'Bad credentials'

export type LoginRequest =
  | { partnerName: string; password: string; username: string }
  | { partnerName: string; password: string; consumerPhone: string }
  | { partnerName: string; password: string; accountOwnerPhone: string }

/** POST /login: a token pair, or a passwordChangeSecret when the password is a one-time password. */
export function login(store: Store, req: LoginRequest): TokenPair | { passwordChangeSecret: string } {
  const partner = findPartnerByName(store, req.partnerName)
  if (!partner) throw new AuthError(401, BAD_CREDENTIALS)
  const credential = checkCredentials(store, partner, ...loginOf(req), req.password)
  if (credential.oneTime) return { passwordChangeSecret: issuePasswordSecret(store, credential) }
  if (credential.principalKind !== 'PARTNER') emitEvent(store, partner.id, loggedInEvent(credential.principalKind), { id: credential.principalId })
  return issueTokens(store, partner, credential)
}

/** The credential of (partner, kind, login) if the password matches; else LinkCy's 401 (or 403 for a forbidden end-user). */
function checkCredentials(store: Store, partner: PartnerRow, kind: PrincipalKind, loginName: string, password: string): CredentialRow {
  const credential = store.db
    .select()
    .from(credentials)
    .where(and(eq(credentials.partnerId, partner.id), eq(credentials.principalKind, kind), eq(credentials.login, loginName)))
    .get()
  if (!credential || !checkPassword(credential.passwordHash, password)) throw new AuthError(401, BAD_CREDENTIALS)
  assertNotForbidden(store, credential)
  return credential
}

export interface PasswordChangeWithCurrent {
  partnerName: string
  kind: 'CONSUMER' | 'CORPORATE'
  phone: string
  currentPassword: string
  newPassword: string
}

/** POST /passwords/change "with current password": an end-user replaces its password and is logged in. */
export function changePasswordWithCurrent(store: Store, req: PasswordChangeWithCurrent): TokenPair {
  const partner = findPartnerByName(store, req.partnerName)
  if (!partner) throw new AuthError(401, BAD_CREDENTIALS)
  const credential = checkCredentials(store, partner, req.kind, req.phone, req.currentPassword)
  return setPassword(store, partner, credential, req.newPassword)
}

function setPassword(store: Store, partner: PartnerRow, credential: CredentialRow, newPassword: string): TokenPair {
  store.db
    .update(credentials)
    .set({ passwordHash: hashPassword(store.rng, newPassword), oneTime: false, updatedAt: store.clock.nowMs() })
    .where(eq(credentials.id, credential.id))
    .run()
  return issueTokens(store, partner, { ...credential, oneTime: false })
}

function loginOf(req: LoginRequest): [PrincipalKind, string] {
  if ('username' in req) return ['PARTNER', req.username.toLowerCase()]
  if ('consumerPhone' in req) return ['CONSUMER', req.consumerPhone]
  return ['CORPORATE', req.accountOwnerPhone]
}

function assertNotForbidden(store: Store, credential: CredentialRow): void {
  if (credential.principalKind === 'PARTNER') return
  const user = findEndUser(store, credential.partnerId, credential.principalId)
  if (!user) throw new AuthError(401, BAD_CREDENTIALS)
  if (isForbidden(user)) throw new SimError('END_USER_FORBIDDEN', [user.id])
}

/** POST /refresh: consumes the refresh token and issues a new pair (rotation). */
export function refresh(store: Store, refreshToken: string): TokenPair {
  const now = store.clock.nowMs()
  const row = store.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(refreshToken))).get()
  if (!row || row.usedAt !== null || row.expiresAt <= now) throw new AuthError(401, 'Invalid refresh token')
  store.db.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.tokenHash, row.tokenHash)).run()
  const credential = store.db.select().from(credentials).where(eq(credentials.id, row.credentialId)).get()
  if (!credential) throw new AuthError(401, 'Invalid refresh token')
  assertNotForbidden(store, credential)
  return issueTokens(store, getPartner(store, credential.partnerId), credential)
}

/** Signs an access token and stores a new refresh token for a credential. */
export function issueTokens(store: Store, partner: PartnerRow, credential: CredentialRow): TokenPair {
  const settings = partnerSettings(partner)
  const iat = Math.floor(store.clock.nowMs() / 1000)
  const roles = credential.principalKind === 'PARTNER' ? accountRoles(store, credential.principalId) : [...END_USER_ROLES]
  const token = signJwt(
    {
      sub: credential.principalId,
      jti: store.rng.uuid(),
      kind: credential.principalKind,
      partnerId: partner.id,
      partnerName: partner.name,
      roles,
      iat,
      exp: iat + settings.accessTokenTtlSeconds,
    },
    store.jwtKey,
  )
  const refreshToken = store.rng.secret(32)
  store.db
    .insert(refreshTokens)
    .values({
      tokenHash: hashToken(refreshToken),
      partnerId: partner.id,
      credentialId: credential.id,
      expiresAt: store.clock.nowMs() + settings.refreshTokenTtlSeconds * 1000,
      createdAt: store.clock.nowMs(),
    })
    .run()
  return credential.principalKind === 'PARTNER' ? { token, refreshToken } : { token, refreshToken, endUserId: credential.principalId }
}

function accountRoles(store: Store, accountId: string): string[] {
  return store.db.select().from(partnerAccounts).where(eq(partnerAccounts.id, accountId)).get()?.roles ?? []
}

/** Resolves a bearer token to its principal; null when forged, expired, or its subject is gone. */
export function resolvePrincipal(store: Store, token: string): Principal | null {
  const claims = verifyJwt(token, store.jwtKey, Math.floor(store.clock.nowMs() / 1000))
  if (!claims) return null
  const kind = claims.kind as PrincipalKind
  const partnerId = String(claims.partnerId)
  if (kind === 'PARTNER') {
    const account = store.db.select().from(partnerAccounts).where(and(eq(partnerAccounts.partnerId, partnerId), eq(partnerAccounts.id, claims.sub))).get()
    if (!account) return null
    // "The JWT embeds the roles granted to the user": a role change applies to tokens issued after it.
    const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : []
    return { kind, partnerId, partnerName: String(claims.partnerName), id: claims.sub, roles }
  }
  const user = findEndUser(store, partnerId, claims.sub)
  if (!user || user.kind !== kind) return null
  return { kind, partnerId, partnerName: String(claims.partnerName), id: claims.sub, roles: [...END_USER_ROLES] }
}

/** Creates (or replaces the password of) the login of a principal. */
export function upsertCredential(
  store: Store,
  input: { partnerId: string; kind: PrincipalKind; principalId: string; login: string; password?: string; oneTime?: boolean },
): CredentialRow {
  const now = store.clock.nowMs()
  const passwordHash = input.password === undefined ? null : hashPassword(store.rng, input.password)
  const existing = store.db.select().from(credentials).where(and(eq(credentials.principalKind, input.kind), eq(credentials.principalId, input.principalId))).get()
  if (existing) {
    store.db
      .update(credentials)
      .set({ login: input.login, ...(input.password === undefined ? {} : { passwordHash }), oneTime: input.oneTime ?? existing.oneTime, updatedAt: now })
      .where(eq(credentials.id, existing.id))
      .run()
    return store.db.select().from(credentials).where(eq(credentials.id, existing.id)).get()!
  }
  const row = { id: store.rng.uuid(), partnerId: input.partnerId, principalKind: input.kind, principalId: input.principalId, login: input.login, passwordHash, oneTime: input.oneTime ?? false, updatedAt: now }
  store.db.insert(credentials).values(row).run()
  return row
}

/** Keeps an end-user's login in step with its phone (a patched phone is the new login). */
export function syncEndUserLogin(store: Store, user: Pick<EndUserRef, 'kind' | 'id' | 'partnerId' | 'phoneDigits'>): void {
  store.db.update(credentials).set({ login: user.phoneDigits, updatedAt: store.clock.nowMs() }).where(and(eq(credentials.principalKind, user.kind), eq(credentials.principalId, user.id))).run()
}

/** Removes every login and token of a principal (sandbox deletion). */
export function deleteCredentials(store: Store, kind: PrincipalKind, principalId: string): void {
  store.db.delete(credentials).where(and(eq(credentials.principalKind, kind), eq(credentials.principalId, principalId))).run()
}

function issuePasswordSecret(store: Store, credential: CredentialRow): string {
  const secret = store.rng.secret(24)
  const now = store.clock.nowMs()
  store.db.insert(passwordSecrets).values({ secret, partnerId: credential.partnerId, credentialId: credential.id, expiresAt: now + PASSWORD_SECRET_TTL_MS, createdAt: now }).run()
  return secret
}

export interface PasswordResetRequest {
  partnerName: string
  phone: string
  kind: Exclude<PrincipalKind, 'PARTNER'>
}

/**
 * POST /passwords/reset(/sandbox): creates a password-change secret for an end-user. LinkCy sends it by
 * SMS with the partner's OTP message; the simulator records that SMS in the outbox and returns the secret.
 */
export function requestPasswordReset(store: Store, req: PasswordResetRequest, callerPartnerId?: string): string {
  const partner = findPartnerByName(store, req.partnerName)
  // A partner token may only reset its own end-users' passwords: another partner's name is refused (403).
  if (partner && callerPartnerId && partner.id !== callerPartnerId) throw new AuthError(403, 'Access Denied')
  if (!partner) throw new SimError('PARTNER_NOT_FOUND', [req.partnerName], { status: 404 })
  const user = findEndUserByPhone(store, partner.id, req.kind, req.phone)
  if (!user) throw new SimError('END_USER_NOT_FOUND', [req.phone], { field: 'phone', rejectedValue: req.phone })
  if (isForbidden(user)) throw new SimError('END_USER_FORBIDDEN', [user.id])
  const credential = upsertCredential(store, { partnerId: partner.id, kind: user.kind, principalId: user.id, login: user.phoneDigits })
  const secret = issuePasswordSecret(store, credential)
  const template = (user.kind === 'CONSUMER' ? partner.consumerOtpMessage : partner.corporateOtpMessage) ?? defaultOtpMessage(partner)
  recordMessage(store, { partnerId: partner.id, channel: 'SMS', recipient: `+${user.phoneDigits}`, personId: user.id, purpose: 'PASSWORD_RESET', text: template.replaceAll('$otp', secret), payload: { secret } })
  return secret
}

/** LinkCy's default OTP text when the partner has not configured one. */
export function defaultOtpMessage(partner: PartnerRow): string {
  return `Your ${partner.displayName ?? partner.name} secret to change your password is: $otp If you are not at the origin of this message, you can ignore it.`
}

/** POST /passwords/change: consumes the secret, sets the password, and logs the user in. */
export function changePassword(store: Store, secret: string, newPassword: string): TokenPair {
  const now = store.clock.nowMs()
  const row = store.db.select().from(passwordSecrets).where(eq(passwordSecrets.secret, secret)).get()
  if (!row || row.usedAt !== null || row.expiresAt <= now) throw new AuthError(401, 'Invalid or expired password change secret')
  store.db.update(passwordSecrets).set({ usedAt: now }).where(eq(passwordSecrets.secret, secret)).run()
  const credential = store.db.select().from(credentials).where(eq(credentials.id, row.credentialId)).get()
  if (!credential) throw new AuthError(401, 'Invalid or expired password change secret')
  assertNotForbidden(store, credential)
  return setPassword(store, getPartner(store, credential.partnerId), credential, newPassword)
}
