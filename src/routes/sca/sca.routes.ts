import { createRoute } from '@hono/zod-openapi'
import {
  generateScaQrCode, onboardScaDevice, resetEndUserScaDevices, resetScaDevice, updateScaFactor,
} from '../../state/sca-devices'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, jsonBody, noContent } from '../openapi'
import {
  ScaDeviceCreateQrRequestSchema, ScaDeviceCreateRequestSchema, ScaDeviceIdParamSchema, ScaDeviceQrResponseSchema,
  ScaDeviceResetRequestSchema, ScaDeviceResponseSchema, ScaDeviceUpdateRequestSchema, presentScaDevice,
} from './sca.schemas'

// Tag Strong Authentication: SCA devices of end-users (enrol, add a factor, reset).
export const scaRoutes = createRouter()

const tags = ['Strong Authentication']

const onboardRoute = createRoute({
  method: 'post', path: '/api/partner/sca', tags, summary: 'Onboard a known mobile',
  description: 'Enrols the SDK endpointID of an end-user with one factor; the phone confirms it. Retryable until a factor is confirmed.',
  middleware: [requires({ roles: ['SCA_DEVICE_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(ScaDeviceCreateRequestSchema) },
  responses: { 201: json(ScaDeviceResponseSchema, 'Created'), ...errorResponses(409) },
})
scaRoutes.openapi(onboardRoute, (c) => {
  const body = c.req.valid('json')
  const { device, joinCode } = tx(c.var.store, () => onboardScaDevice(c.var.store, scopeOf(c), body))
  return c.json(presentScaDevice(device, joinCode), 201)
})

const qrCodeRoute = createRoute({
  method: 'post', path: '/api/partner/sca/qr-codes', tags, summary: 'Onboard an unknown mobile with QR code',
  description: 'A join code and its QR image (base64 PNG). Only the latest QR code of an end-user stays valid.',
  middleware: [requires({ roles: ['SCA_DEVICE_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(ScaDeviceCreateQrRequestSchema) },
  responses: { 201: json(ScaDeviceQrResponseSchema, 'Created'), ...errorResponses(409) },
})
scaRoutes.openapi(qrCodeRoute, (c) => {
  const { endUserId } = c.req.valid('json')
  const { device, joinCode, qrCode } = tx(c.var.store, () => generateScaQrCode(c.var.store, scopeOf(c), endUserId))
  return c.json({ id: device.id, qrCode, joinCode }, 201)
})

const updateFactorRoute = createRoute({
  method: 'patch', path: '/api/partner/sca/{scaDeviceId}', tags, summary: 'Add an authentication Factor',
  description: 'On a device with a confirmed factor: enrol the other factor, or change the PIN.',
  middleware: [requires({ roles: ['SCA_DEVICE_UPDATE'], endUser: true })] as const,
  request: { params: ScaDeviceIdParamSchema, body: jsonBody(ScaDeviceUpdateRequestSchema) },
  responses: { 200: json(ScaDeviceResponseSchema), ...errorResponses(404, 409) },
})
scaRoutes.openapi(updateFactorRoute, (c) => {
  const { scaDeviceId } = c.req.valid('param')
  const { factor, strategy } = c.req.valid('json')
  const { device, joinCode } = tx(c.var.store, () => updateScaFactor(c.var.store, scopeOf(c), scaDeviceId, factor, strategy))
  return c.json(presentScaDevice(device, joinCode), 200)
})

const resetRoute = createRoute({
  method: 'delete', path: '/api/partner/sca/{scaDeviceId}', tags, summary: 'Reset the SCA device of a user',
  description: 'Partner token only. The device can no longer be used and a new one can be enrolled.',
  middleware: [requires({ roles: ['SCA_DEVICE_RESET'] })] as const,
  request: { params: ScaDeviceIdParamSchema },
  responses: { 204: noContent, ...errorResponses(404) },
})
scaRoutes.openapi(resetRoute, (c) => {
  const { scaDeviceId } = c.req.valid('param')
  tx(c.var.store, () => resetScaDevice(c.var.store, scopeOf(c), scaDeviceId))
  return c.body(null, 204)
})

const resetEndUserRoute = createRoute({
  method: 'delete', path: '/api/partner/sca', tags, summary: 'Reset the SCA device of a user (deprecated)',
  description: 'Newer docs, deprecated there: resets every device of the end-user named in the body. Partner token only.',
  deprecated: true,
  middleware: [requires({ roles: ['SCA_DEVICE_RESET'] })] as const,
  request: { body: jsonBody(ScaDeviceResetRequestSchema) },
  responses: { 204: noContent, ...errorResponses() },
})
scaRoutes.openapi(resetEndUserRoute, (c) => {
  const { endUserId } = c.req.valid('json')
  tx(c.var.store, () => resetEndUserScaDevices(c.var.store, scopeOf(c), endUserId))
  return c.body(null, 204)
})
