import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { iso } from '../openapi'
import { zodFailure } from '../errors'
import { simBody } from './sim.schemas'
import { findPartnerByName } from '../../state/partners'
import { decideInteraction, expireInteraction, listInteractions, type ScaInteractionRow } from '../../state/sca-challenges'
import { activateScaDevice, devicesOfEndUser, findScaDevice, setDeviceStatus, type ScaDeviceRow } from '../../state/sca-devices'
import { joinWithCode, signWithDevice } from '../../state/sca-phone'
import { SimError } from '../../state/errors'
import { tx } from '../../state/store'

// /_sim/sca: the simulated phone. Confirm a device's enrolment, see the challenges waiting for an
// end-user, approve or decline them, join one with its join code, and compute DATA_SIGNING signatures.
export const simScaRoutes = new Hono<AppEnv>()

const factors = z.array(z.enum(['BIOMETRY', 'PIN'])).min(1)
const STATUSES = ['PENDING', 'APPROVED', 'DECLINED', 'EXPIRED', 'CONSUMED'] as const

/** An interaction as the phone (and a test) sees it. */
export function presentInteraction(row: ScaInteractionRow) {
  return {
    scaId: row.id, status: row.status, operation: row.operation, method: row.method, path: row.path, strategy: row.strategy,
    factor: row.factor ?? undefined, joinCode: row.joinCode ?? undefined, endUserId: row.endUserId, scaDeviceId: row.deviceId,
    createdAt: iso(row.createdAt), expiresAt: iso(row.expiresAt), joinedAt: iso(row.joinedAt), decidedAt: iso(row.decidedAt),
    consumedAt: iso(row.consumedAt), autoApproveAt: iso(row.autoApproveAt),
  }
}

/** A device with its signing secret (the simulator's, so clients may compute signatures themselves). */
function presentDevice(row: ScaDeviceRow) {
  return {
    id: row.id, endUserId: row.endUserId, endUserKind: row.endUserKind, endpointId: row.endpointId, status: row.status,
    pinStatus: row.pinStatus, biometryStatus: row.biometryStatus, origin: row.origin, joinCode: row.joinCode ?? undefined,
    secret: row.secret, creationDate: iso(row.creationDate), activationDate: iso(row.activationDate),
  }
}

const Query = z.object({ endUserId: z.string().optional(), status: z.enum(STATUSES).optional(), partnerName: z.string().optional() })

simScaRoutes.get('/sca/interactions', (c) => {
  const parsed = Query.safeParse(c.req.query())
  if (!parsed.success) throw zodFailure(parsed.error, c.req.query())
  const { endUserId, status, partnerName } = parsed.data
  const store = c.var.store
  const partnerId = partnerName ? (findPartnerByName(store, partnerName)?.id ?? 'none') : undefined
  const rows = tx(store, () => listInteractions(store, { partnerId, endUserId, status }))
  return c.json({ content: rows.map(presentInteraction), totalElements: rows.length })
})

for (const decision of ['approve', 'decline', 'expire'] as const) {
  simScaRoutes.post(`/sca/interactions/:scaId/${decision}`, (c) => {
    const store = c.var.store
    const scaId = c.req.param('scaId')
    const row = tx(store, () => (decision === 'expire' ? expireInteraction(store, scaId) : decideInteraction(store, scaId, decision === 'approve' ? 'APPROVE' : 'DECLINE')))
    return c.json(presentInteraction(row))
  })
}

simScaRoutes.get('/sca/devices', (c) => {
  const { endUserId } = c.req.query()
  const rows = endUserId ? devicesOfEndUser(c.var.store, endUserId) : []
  return c.json({ content: rows.map(presentDevice), totalElements: rows.length })
})

simScaRoutes.get('/sca/devices/:scaDeviceId', (c) => {
  const device = findScaDevice(c.var.store, c.req.param('scaDeviceId'))
  if (!device) throw new SimError('SCA_DEVICE_NOT_FOUND', [c.req.param('scaDeviceId')])
  return c.json(presentDevice(device))
})

const Activate = z.strictObject({ factors: factors.optional(), endpointId: z.string().max(255).optional() })
simScaRoutes.post('/sca/devices/:scaDeviceId/activate', async (c) => {
  const body = await simBody(c.req, Activate)
  const store = c.var.store
  const device = tx(store, () => activateScaDevice(store, undefined, c.req.param('scaDeviceId'), body.factors, body.endpointId))
  return c.json(presentDevice(device))
})

simScaRoutes.post('/sca/devices/:scaDeviceId/block', (c) => {
  const store = c.var.store
  const id = c.req.param('scaDeviceId')
  const device = tx(store, () => {
    const row = findScaDevice(store, id)
    if (!row || row.status === 'REMOVED') throw new SimError('SCA_DEVICE_NOT_FOUND', [id])
    setDeviceStatus(store, row, 'BLOCKED')
    return findScaDevice(store, id)!
  })
  return c.json(presentDevice(device))
})

const Join = z.strictObject({
  joinCode: z.string(), decision: z.enum(['APPROVE', 'DECLINE']).optional(), endpointId: z.string().max(255).optional(), factors: factors.optional(),
})
simScaRoutes.post('/sca/join', async (c) => {
  const { joinCode, ...options } = await simBody(c.req, Join)
  const store = c.var.store
  const result = tx(store, () => joinWithCode(store, joinCode, options))
  return c.json(result.type === 'ENROLMENT' ? { type: result.type, device: presentDevice(result.device) } : { type: result.type, interaction: presentInteraction(result.interaction) })
})

const Sign = z.strictObject({
  method: z.string().regex(/^[A-Za-z]+$/), path: z.string().startsWith('/'), body: z.unknown().optional(), query: z.string().optional(),
  factor: z.enum(['BIOMETRY', 'PIN']).optional(),
})
simScaRoutes.post('/sca/devices/:scaDeviceId/sign', async (c) => {
  const body = await simBody(c.req, Sign)
  const store = c.var.store
  const result = tx(store, () => signWithDevice(store, c.req.param('scaDeviceId'), body))
  return c.json({ header: 'Linkcy-SCA-Signature', signature: result.signature, factor: result.factor, signedAt: iso(result.signedAt) })
})
