import { and, desc, eq, ne, sql } from 'drizzle-orm'
import { scaDevices, scaInteractions, type ScaDeviceStatus, type ScaFactorStatus } from './db/schema'
import { SimError } from './errors'
import { findEndUser, type EndUserRef } from './end-users'
import { isEndUser, targetPersonId, type Scope } from './scope'
import { qrCodePng } from './sca-qr'
import type { Store } from './store'

// SCA devices (tag Strong Authentication): an end-user's trusted phone and the factors (BIOMETRY,
// PIN) enrolled on it. A device is usable once the phone confirms at least one factor.

export type ScaDeviceRow = typeof scaDevices.$inferSelect
export type ScaFactor = 'BIOMETRY' | 'PIN'
export type EnrolmentStrategy = 'PUSH_NOTIFICATION' | 'JOIN_CODE'

/** LinkCy's enrolment join codes live 10 minutes (`"ttl": "PT10M"` in the newer docs). */
export const ENROLMENT_TTL_MS = 10 * 60_000

export interface NewScaDevice {
  partnerId: string
  endUserId: string
  endUserKind: EndUserRef['kind']
  endpointId: string
  status: ScaDeviceStatus
  pinStatus: ScaFactorStatus
  biometryStatus: ScaFactorStatus
  origin: 'KNOWN_MOBILE' | 'QR_CODE' | 'SCENARIO'
  joinCode?: string
}

/** Inserts a device with a fresh signing secret. */
export function insertScaDevice(store: Store, input: NewScaDevice): ScaDeviceRow {
  const now = store.clock.nowMs()
  const row: ScaDeviceRow = {
    id: store.rng.uuid(), ...input, secret: store.rng.secret(32), joinCode: input.joinCode ?? null,
    joinCodeExpiresAt: input.joinCode ? now + ENROLMENT_TTL_MS : null,
    creationDate: now, updateDate: now, activationDate: input.status === 'ACTIVE' ? now : null,
  }
  store.db.insert(scaDevices).values(row).run()
  return row
}

export const factorStatus = (device: ScaDeviceRow, factor: ScaFactor): ScaFactorStatus =>
  factor === 'PIN' ? device.pinStatus : device.biometryStatus

/** Devices of an end-user that can take part in SCA (ACTIVE), most recent first. */
export function activeScaDevices(store: Store, partnerId: string, endUserId: string): ScaDeviceRow[] {
  return store.db.select().from(scaDevices)
    .where(and(eq(scaDevices.partnerId, partnerId), eq(scaDevices.endUserId, endUserId), eq(scaDevices.status, 'ACTIVE')))
    .orderBy(desc(scaDevices.creationDate), desc(sql`rowid`)).all()
}

/** Every device of an end-user that was not reset, most recent first. */
export function scaDevicesOf(store: Store, partnerId: string, endUserId: string): ScaDeviceRow[] {
  return store.db.select().from(scaDevices)
    .where(and(eq(scaDevices.partnerId, partnerId), eq(scaDevices.endUserId, endUserId), ne(scaDevices.status, 'REMOVED')))
    .orderBy(desc(scaDevices.creationDate), desc(sql`rowid`)).all()
}

/**
 * The `strongAuthentication` block of an end-user (ScaDeviceInfo: id, endpointId, creationDate,
 * pinStatus, biometryStatus): its current device, or undefined when none is enrolled.
 */
export function scaDeviceInfo(store: Store, partnerId: string, endUserId: string) {
  const device = scaDevicesOf(store, partnerId, endUserId)[0]
  if (!device) return undefined
  return { id: device.id, endpointId: device.endpointId, creationDate: new Date(device.creationDate).toISOString(), pinStatus: device.pinStatus, biometryStatus: device.biometryStatus }
}

/** A device the caller may see (its partner's; an end-user only its own); REMOVED reads as not found. */
export function getScaDevice(store: Store, scope: Scope, scaDeviceId: string): ScaDeviceRow {
  const row = store.db.select().from(scaDevices).where(and(eq(scaDevices.id, scaDeviceId), eq(scaDevices.partnerId, scope.partnerId))).get()
  const foreign = row && scope.principal && isEndUser(scope) && row.endUserId !== scope.principal.id
  if (!row || foreign || row.status === 'REMOVED') throw new SimError('SCA_DEVICE_NOT_FOUND', [scaDeviceId])
  return row
}

function targetEndUser(store: Store, scope: Scope, endUserId: string | undefined): EndUserRef {
  const id = targetPersonId(scope, endUserId, 'END_USER_ID_REQUIRED', 'endUserId')
  const user = findEndUser(store, scope.partnerId, id)
  if (!user) throw new SimError('END_USER_NOT_FOUND', [id], { field: 'endUserId', rejectedValue: id })
  return user
}

/** One device per end-user (1.78): a device with a confirmed factor blocks a new enrolment. */
function assertNoDeviceSet(store: Store, user: EndUserRef): void {
  const set = scaDevicesOf(store, user.partnerId, user.id).some((d) => d.status === 'ACTIVE' || d.status === 'BLOCKED')
  if (set) throw new SimError('SCA_DEVICE_ALREADY_SET')
}

/** Retrying an enrolment (or asking for a new QR code) replaces the pending one. */
function dropPendingEnrolments(store: Store, user: EndUserRef): void {
  const now = store.clock.nowMs()
  store.db.update(scaDevices).set({ status: 'REMOVED', joinCode: null, updateDate: now })
    .where(and(eq(scaDevices.partnerId, user.partnerId), eq(scaDevices.endUserId, user.id), eq(scaDevices.status, 'PENDING_ACTIVATION'))).run()
}

export interface OnboardDeviceInput {
  endpointId: string
  factor: ScaFactor
  strategy: EnrolmentStrategy
  endUserId?: string
}

/**
 * POST /api/partner/sca (Onboard a known mobile): enrols the SDK's endpointID with one factor, pending
 * until the phone confirms it (a push, or the returned joinCode). Retryable until a factor is confirmed.
 */
export function onboardScaDevice(store: Store, scope: Scope, input: OnboardDeviceInput): { device: ScaDeviceRow; joinCode?: string } {
  const user = targetEndUser(store, scope, input.endUserId)
  assertNoDeviceSet(store, user)
  dropPendingEnrolments(store, user)
  const joinCode = input.strategy === 'JOIN_CODE' ? store.rng.uuid() : undefined
  const device = insertScaDevice(store, {
    partnerId: user.partnerId, endUserId: user.id, endUserKind: user.kind, endpointId: input.endpointId,
    status: 'PENDING_ACTIVATION', pinStatus: input.factor === 'PIN' ? 'PENDING' : 'UNSET',
    biometryStatus: input.factor === 'BIOMETRY' ? 'PENDING' : 'UNSET', origin: 'KNOWN_MOBILE', joinCode,
  })
  return { device, joinCode }
}

/**
 * POST /api/partner/sca/qr-codes (Onboard an unknown mobile): a join code and its QR image; the phone
 * that scans it becomes the device. Only the latest QR code of an end-user stays valid.
 * SIM: the phone enrols BIOMETRY unless it says otherwise when it activates.
 */
export function generateScaQrCode(store: Store, scope: Scope, endUserId: string | undefined): { device: ScaDeviceRow; joinCode: string; qrCode: string } {
  const user = targetEndUser(store, scope, endUserId)
  assertNoDeviceSet(store, user)
  dropPendingEnrolments(store, user)
  const joinCode = store.rng.uuid()
  const device = insertScaDevice(store, {
    partnerId: user.partnerId, endUserId: user.id, endUserKind: user.kind, endpointId: `qr-${joinCode.slice(0, 8)}`,
    status: 'PENDING_ACTIVATION', pinStatus: 'UNSET', biometryStatus: 'PENDING', origin: 'QR_CODE', joinCode,
  })
  return { device, joinCode, qrCode: qrCodePng(joinCode).toString('base64') }
}

/**
 * PATCH /api/partner/sca/{scaDeviceId} (Add an authentication factor): needs a confirmed factor
 * already; enrols the other one (pending until the phone confirms), or changes the PIN.
 */
export function updateScaFactor(store: Store, scope: Scope, scaDeviceId: string, factor: ScaFactor, strategy: EnrolmentStrategy): { device: ScaDeviceRow; joinCode?: string } {
  const device = getScaDevice(store, scope, scaDeviceId)
  if (device.status !== 'ACTIVE') throw new SimError('SCA_DEVICE_NOT_SET')
  if (factor === 'BIOMETRY' && device.biometryStatus === 'SET') throw new SimError('SCA_BIOMETRY_ALREADY_SET')
  const now = store.clock.nowMs()
  const joinCode = strategy === 'JOIN_CODE' ? store.rng.uuid() : undefined
  // A PIN change keeps the current PIN usable until the phone confirms the new one.
  const next: ScaFactorStatus = factorStatus(device, factor) === 'SET' ? 'SET' : 'PENDING'
  const patch = {
    ...(factor === 'PIN' ? { pinStatus: next } : { biometryStatus: next }),
    joinCode: joinCode ?? null, joinCodeExpiresAt: joinCode ? now + ENROLMENT_TTL_MS : null, updateDate: now,
  }
  store.db.update(scaDevices).set(patch).where(eq(scaDevices.id, device.id)).run()
  return { device: { ...device, ...patch }, joinCode }
}

/**
 * DELETE /api/partner/sca/{scaDeviceId} (partner only): resets the device so another can be enrolled.
 * Its open interactions are declined.
 */
export function resetScaDevice(store: Store, scope: Scope, scaDeviceId: string): void {
  const device = getScaDevice(store, scope, scaDeviceId)
  setDeviceStatus(store, device, 'REMOVED')
}

/** DELETE /api/partner/sca (deprecated, partner only): resets every device of an end-user. */
export function resetEndUserScaDevices(store: Store, scope: Scope, endUserId: string | undefined): void {
  const user = targetEndUser(store, scope, endUserId)
  for (const device of scaDevicesOf(store, user.partnerId, user.id)) setDeviceStatus(store, device, 'REMOVED')
}

/** Moves a device to a status; leaving ACTIVE declines its open interactions (they can no longer be approved). */
export function setDeviceStatus(store: Store, device: ScaDeviceRow, status: ScaDeviceStatus): void {
  const now = store.clock.nowMs()
  const removed = status === 'REMOVED'
  store.db.update(scaDevices)
    .set({ status, updateDate: now, ...(removed ? { joinCode: null } : {}), ...(status === 'ACTIVE' && !device.activationDate ? { activationDate: now } : {}) })
    .where(eq(scaDevices.id, device.id)).run()
  if (status !== 'ACTIVE') {
    for (const open of ['PENDING', 'APPROVED'] as const) {
      store.db.update(scaInteractions).set({ status: 'DECLINED', decidedAt: now })
        .where(and(eq(scaInteractions.deviceId, device.id), eq(scaInteractions.status, open))).run()
    }
  }
}

/**
 * The phone confirms its enrolment (simulated SDK): the given factors (default: the pending ones, or
 * BIOMETRY) become SET and the device ACTIVE.
 */
export function activateScaDevice(store: Store, partnerId: string | undefined, scaDeviceId: string, factors?: ScaFactor[], endpointId?: string): ScaDeviceRow {
  const device = store.db.select().from(scaDevices).where(eq(scaDevices.id, scaDeviceId)).get()
  if (!device || device.status === 'REMOVED' || (partnerId && device.partnerId !== partnerId)) throw new SimError('SCA_DEVICE_NOT_FOUND', [scaDeviceId])
  const pending = (['BIOMETRY', 'PIN'] as const).filter((f) => factorStatus(device, f) === 'PENDING')
  const confirm = factors ?? (pending.length > 0 ? pending : (['BIOMETRY'] as ScaFactor[]))
  const now = store.clock.nowMs()
  const patch = {
    ...(confirm.includes('PIN') ? { pinStatus: 'SET' as const } : {}),
    ...(confirm.includes('BIOMETRY') ? { biometryStatus: 'SET' as const } : {}),
    ...(endpointId ? { endpointId } : {}),
    joinCode: null, joinCodeExpiresAt: null, updateDate: now,
  }
  store.db.update(scaDevices).set(patch).where(eq(scaDevices.id, device.id)).run()
  setDeviceStatus(store, { ...device, ...patch }, 'ACTIVE')
  return store.db.select().from(scaDevices).where(eq(scaDevices.id, device.id)).get()!
}

/** A device whose enrolment join code is this one and still valid, if any. */
export function findEnrolmentByJoinCode(store: Store, joinCode: string): ScaDeviceRow | undefined {
  const row = store.db.select().from(scaDevices).where(eq(scaDevices.joinCode, joinCode)).get()
  if (!row || row.status === 'REMOVED' || (row.joinCodeExpiresAt !== null && row.joinCodeExpiresAt <= store.clock.nowMs())) return undefined
  return row
}

/** A device by id, whatever its partner (control plane). */
export function findScaDevice(store: Store, scaDeviceId: string): ScaDeviceRow | undefined {
  return store.db.select().from(scaDevices).where(eq(scaDevices.id, scaDeviceId)).get()
}

/** Every device of an end-user that was not reset, whatever its partner (control plane; ids are unique). */
export function devicesOfEndUser(store: Store, endUserId: string): ScaDeviceRow[] {
  return store.db.select().from(scaDevices).where(and(eq(scaDevices.endUserId, endUserId), ne(scaDevices.status, 'REMOVED')))
    .orderBy(desc(scaDevices.creationDate), desc(sql`rowid`)).all()
}
