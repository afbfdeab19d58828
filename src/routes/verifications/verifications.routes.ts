import { createRoute } from '@hono/zod-openapi'
import { sendPhoneVerification, verifyPhoneCode } from '../../state/phone-verification'
import { sendEmailVerification } from '../../state/email-verification'
import { verifyAddress } from '../../state/address-verification'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody, compact } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import {
  AddressVerifyRequestSchema, AddressVerifyResponseSchema, EmailVerificationSendRequestSchema, EmailVerificationSendResponseSchema,
  PhoneVerificationSendRequestSchema, PhoneVerificationSendResponseSchema, PhoneVerifyRequestSchema,
} from './verifications.schemas'

// Tag KYC (verifications): phone, e-mail and address verification, by the partner or the end-user itself.
export const verificationRoutes = createRouter()

const origin = (url: string): string => new URL(url).origin

const phoneSendRoute = createRoute({
  method: 'post', path: '/api/partner/verifications/phone/send', tags: ['KYC'], summary: 'Send phone verification code by sms',
  middleware: [requires({ roles: ['PHONE_VERIFICATION_SEND'], endUser: true })] as const,
  request: { body: jsonBody(PhoneVerificationSendRequestSchema) },
  responses: { 200: json(PhoneVerificationSendResponseSchema, 'Message sent'), ...errorResponses(409) },
})
verificationRoutes.openapi(phoneSendRoute, (c) => {
  const body = c.req.valid('json')
  const { ttl } = tx(c.var.store, () => sendPhoneVerification(c.var.store, scopeOf(c), body))
  return c.json({ ttl }, 200)
})

const phoneVerifyRoute = createRoute({
  method: 'post', path: '/api/partner/verifications/phone/verify', tags: ['KYC'], summary: 'Verify phone verification code',
  middleware: [requires({ roles: ['PHONE_VERIFICATION_VERIFY'], endUser: true })] as const,
  request: { body: jsonBody(PhoneVerifyRequestSchema) },
  responses: { 204: { description: 'Phone was successfully verified' }, ...errorResponses(409) },
})
verificationRoutes.openapi(phoneVerifyRoute, (c) => {
  const { code, ...person } = c.req.valid('json')
  // A wrong code is returned, not thrown, so the spent attempt is committed before the 400 goes out.
  const rejected = tx(c.var.store, () => verifyPhoneCode(c.var.store, scopeOf(c), person, code))
  if (rejected) throw rejected
  return c.body(null, 204)
})

const emailSendRoute = createRoute({
  method: 'post', path: '/api/partner/verifications/email/send', tags: ['KYC'], summary: 'Send an email verification link by email',
  middleware: [requires({ roles: ['EMAIL_VERIFICATION_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(EmailVerificationSendRequestSchema) },
  responses: { 200: json(EmailVerificationSendResponseSchema, 'Verification email sent'), ...errorResponses(404, 409) },
})
verificationRoutes.openapi(emailSendRoute, (c) => {
  const body = c.req.valid('json')
  const { ttl } = tx(c.var.store, () => sendEmailVerification(c.var.store, scopeOf(c), body, origin(c.req.url)))
  return c.json({ ttl }, 200)
})

const addressRoute = createRoute({
  method: 'post', path: '/api/partner/verifications/address', tags: ['KYC'], summary: 'Verify the address of an end-user',
  middleware: [requires({ roles: ['ADDRESS_VERIFY'], endUser: true })] as const,
  request: { body: jsonBody(AddressVerifyRequestSchema) },
  responses: { 200: json(AddressVerifyResponseSchema), ...errorResponses(409) },
})
verificationRoutes.openapi(addressRoute, (c) => {
  const body = c.req.valid('json')
  const result = tx(c.var.store, () => verifyAddress(c.var.store, scopeOf(c), body, origin(c.req.url)))
  return c.json(compact(result), 200)
})
