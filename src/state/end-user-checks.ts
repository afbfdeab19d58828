import { SimError } from './errors'
import { getPartner, partnerSettings } from './partners'
import { partnerConsumer, type ConsumerRow } from './persons'
import type { Store } from './store'

// The standing an end-user needs before it may bank (open a ledger, add a beneficiary, send money,
// order a card). LinkCy lists the same codes on all these operations; they are checked here, in one
// order, so every operation refuses the same end-user with the same error.

export type BankingCheck = 'KYC' | 'LINKCY_STATUS' | 'NOT_SUSPENDED' | 'BANKING_STATUS' | 'TERMS'

/** The order of the reference's error lists: KYC/KYB, LinkCy status, suspension, banking status, terms. */
export const ALL_BANKING_CHECKS: readonly BankingCheck[] = ['KYC', 'LINKCY_STATUS', 'NOT_SUSPENDED', 'BANKING_STATUS', 'TERMS']

/** The checks of operations whose reference lists no terms refusal: beneficiaries, mandates, direct-debit collections. */
export const BANKING_CHECKS_WITHOUT_TERMS: readonly BankingCheck[] = ['KYC', 'LINKCY_STATUS', 'NOT_SUSPENDED', 'BANKING_STATUS']

/**
 * The end-user (consumer; corporates with the corporate issue) of the partner, or the documented
 * END_USER_NOT_FOUND (400 by default: most operations name it in their body).
 */
export function getBankingEndUser(store: Store, partnerId: string, endUserId: string, field = 'endUserId', status?: 404): ConsumerRow {
  const consumer = partnerConsumer(store, partnerId, endUserId)
  if (!consumer) throw new SimError('END_USER_NOT_FOUND', [endUserId], { field, rejectedValue: endUserId, ...(status ? { status } : {}) })
  return consumer
}

/** Throws the first documented refusal among `checks` for this consumer. */
export function assertMayBank(store: Store, consumer: ConsumerRow, checks: readonly BankingCheck[] = ALL_BANKING_CHECKS): void {
  for (const check of ALL_BANKING_CHECKS) {
    if (!checks.includes(check)) continue
    switch (check) {
      case 'KYC':
        if (consumer.kycStatus !== 'VALIDATED') throw new SimError('CONSUMER_KYC_MUST_BE_VALIDATED')
        break
      case 'LINKCY_STATUS':
        if (consumer.linkcyStatus !== 'VALIDATED') throw new SimError('LINKCY_STATUS_MUST_BE_VALIDATED', [consumer.linkcyStatus, consumer.id])
        break
      case 'NOT_SUSPENDED':
        if (consumer.suspensionStatus === 'SUSPENDED') throw new SimError('END_USER_MUST_NOT_BE_SUSPENDED', [consumer.id])
        break
      case 'BANKING_STATUS':
        if (consumer.bankingStatus !== 'VALIDATED') throw new SimError('BANKING_STATUS_MUST_BE_VALIDATED', [consumer.bankingStatus, consumer.id])
        break
      case 'TERMS': {
        const termsVersion = partnerSettings(getPartner(store, consumer.partnerId)).termsVersion
        if (consumer.lastTermsAccepted !== termsVersion) throw new SimError('TERMS_AND_CONDITIONS_NOT_ACCEPTED', ['CONSUMER', consumer.id])
        break
      }
    }
  }
}
