import { z } from '@hono/zod-openapi'
import type { AcquiringConfiguration } from '../../state/acquiring-settings'
import { compact } from '../../state/objects'
import { uuid } from '../openapi'
import { amountInCents } from '../transactions/transactions.schemas'

// Request and response schemas of tag Acquiring and of GET /api/partner/acquiring-configuration.

/** POST /acquiring/payment body (AcquiringPaymentRequestDto). */
export const AcquiringPaymentRequestSchema = z
  .object({
    amount: amountInCents().openapi({ type: 'number', example: 25.5 }),
    endUserId: uuid().optional(),
    redirectUrl: z.string().min(1),
    reference: z.string().optional(),
  })
  .openapi('AcquiringPaymentRequestDto')

/** POST /acquiring/account-load body (AccountLoadAcquiringRequestDto). */
export const AccountLoadRequestSchema = z
  .object({
    amount: amountInCents().openapi({ type: 'number', example: 50 }),
    targetLedgerId: uuid(),
    redirectUrl: z.string().optional(),
    reference: z.string().optional(),
    endUserId: uuid().optional(),
  })
  .openapi('AccountLoadAcquiringRequestDto')

/** Both initiations answer the transaction id and the hosted payment page. */
export const AcquiringCreationResponseSchema = z
  .object({ id: z.string().uuid(), webPage: z.object({ ttl: z.string(), url: z.string() }) })
  .openapi('AcquiringCreationResponseDto')

export const AcquiringTransactionIdParamSchema = z.object({
  transactionId: uuid().openapi({ param: { name: 'transactionId', in: 'path' } }),
})

export const AcquiringConfigurationSchema = z
  .object({
    saleMerchantId: z.string().optional(),
    loadMerchantId: z.string().optional(),
    saleLedgerId: z.string().uuid().optional(),
    loadLedgerId: z.string().uuid().optional(),
    loadRateFee: z.number().optional(),
    loadFlatFee: z.number().optional(),
    minLoad: z.number().optional(),
    maxLoad: z.number().optional(),
  })
  .openapi('PartnerAcquiringConfigurationDto')

/** The configuration on the wire (absent ledgers omitted). */
export function presentAcquiringConfiguration(config: AcquiringConfiguration): Record<string, unknown> {
  return compact({ ...config })
}
