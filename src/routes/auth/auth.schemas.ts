import { z } from '@hono/zod-openapi'

const phoneDigits = z.string().regex(/^[0-9]{2,17}$/)

export const PartnerLoginSchema = z.object({ username: z.string(), partnerName: z.string(), password: z.string() }).openapi('PartnerUserPassLoginRequest')
export const ConsumerLoginSchema = z.object({ consumerPhone: phoneDigits, partnerName: z.string(), password: z.string() }).openapi('ConsumerUserPassLoginRequest')
export const CorporateLoginSchema = z.object({ accountOwnerPhone: phoneDigits, partnerName: z.string(), password: z.string() }).openapi('AccountOwnerUserPassLoginRequest')
export const LoginRequestSchema = z.union([PartnerLoginSchema, ConsumerLoginSchema, CorporateLoginSchema])

export const TokenResponseSchema = z
  .object({ token: z.string(), refreshToken: z.string(), endUserId: z.string().uuid().optional() })
  .openapi('TokenLoginResponse')
export const PasswordChangeRequiredSchema = z.object({ passwordChangeSecret: z.string() }).openapi('PasswordChangeLoginResponse')
export const LoginResponseSchema = z.union([TokenResponseSchema, PasswordChangeRequiredSchema])

export const RefreshRequestSchema = z.object({ refreshToken: z.string() })

/**
 * Password reset: 1.78 documents `phone`, the newer docs `consumerPhone` (and by symmetry
 * `accountOwnerPhone` for corporates). All are accepted; exactly one is needed.
 */
export const PasswordResetRequestSchema = z
  .object({
    partnerName: z.string(),
    phone: phoneDigits.optional(),
    consumerPhone: phoneDigits.optional(),
    accountOwnerPhone: phoneDigits.optional(),
  })
  .refine((b) => b.phone ?? b.consumerPhone ?? b.accountOwnerPhone, { message: 'must not be null', path: ['phone'] })

const newPassword = z.string().min(6)
export const PasswordChangeRequestSchema = z.union([
  z.object({ passwordChangeSecret: z.string(), newPassword }).openapi('PasswordChangeWithSecretRequest'),
  z.object({ consumerPhone: phoneDigits, partnerName: z.string(), currentPassword: z.string(), newPassword }).openapi('ConsumerPasswordChangeWithPasswordRequest'),
  z.object({ accountOwnerPhone: phoneDigits, partnerName: z.string(), currentPassword: z.string(), newPassword }).openapi('AccountOwnerPasswordChangeWithPasswordRequest'),
])

export type PasswordResetBody = z.infer<typeof PasswordResetRequestSchema>

/** Which end-user kind and phone a password reset body names. */
export function resetTarget(body: PasswordResetBody): { kind: 'CONSUMER' | 'CORPORATE'; phone: string } {
  if (body.accountOwnerPhone) return { kind: 'CORPORATE', phone: body.accountOwnerPhone }
  return { kind: 'CONSUMER', phone: (body.consumerPhone ?? body.phone)! }
}
