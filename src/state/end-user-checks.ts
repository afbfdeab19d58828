import { findEndUser, type EndUserRef } from './end-users'
import { SimError } from './errors'
import { getPartner, partnerSettings } from './partners'
import type { Store } from './store'

// The standing an end-user needs before it may bank (open a ledger, add a beneficiary, send money,
// order a card). LinkCy lists the same codes on all these operations; they are checked here, in one
// order, so every operation refuses the same end-user with the same error.

export type BankingCheck = 'KYC' | 'LINKCY_STATUS' | 'NOT_SUSPENDED' | 'BANKING_STATUS' | 'TERMS'

/** The order of the reference's error lists: KYC/KYB, LinkCy status, suspension, banking status, terms. */
export const ALL_BANKING_CHECKS: readonly BankingCheck[] = ['KYC', 'LINKCY_STATUS', 'NOT_SUSPENDED', 'BANKING_STATUS', 'TERMS']

/** The checks of operations whose reference lists no terms refusal: beneficiaries, mandates, direct-debit collections. */
export const BANKING_CHECKS_WITHOUT_TERMS: readonly BankingCheck[] = ['KYC', 'LINKCY_STATUS', 'NOT_SUSPENDED', 'BANKING_STATUS']

/** An end-user as the money and card operations see it: a consumer or a corporate (state/end-users.ts). */
export type BankingEndUser = EndUserRef

/**
 * The end-user (consumer or corporate) of the partner, or the documented END_USER_NOT_FOUND (400 by
 * default: most operations name it in their body).
 */
export function getBankingEndUser(store: Store, partnerId: string, endUserId: string, field = 'endUserId', status?: 404): BankingEndUser {
  const user = findEndUser(store, partnerId, endUserId)
  if (!user) throw new SimError('END_USER_NOT_FOUND', [endUserId], { field, rejectedValue: endUserId, ...(status ? { status } : {}) })
  return user
}

/**
 * Throws the first documented refusal among `checks` for this end-user: a consumer needs its KYC
 * validated (CONSUMER_KYC_MUST_BE_VALIDATED), a corporate its KYB (CORPORATE_KYB_MUST_BE_VALIDATED).
 */
export function assertMayBank(store: Store, user: BankingEndUser, checks: readonly BankingCheck[] = ALL_BANKING_CHECKS): void {
  for (const check of ALL_BANKING_CHECKS) {
    if (!checks.includes(check)) continue
    switch (check) {
      case 'KYC':
        if (user.identityStatus !== 'VALIDATED') throw new SimError(user.kind === 'CORPORATE' ? 'CORPORATE_KYB_MUST_BE_VALIDATED' : 'CONSUMER_KYC_MUST_BE_VALIDATED')
        break
      case 'LINKCY_STATUS':
        if (user.linkcyStatus !== 'VALIDATED') throw new SimError('LINKCY_STATUS_MUST_BE_VALIDATED', [user.linkcyStatus, user.id])
        break
      case 'NOT_SUSPENDED':
        if (user.suspensionStatus === 'SUSPENDED') throw new SimError('END_USER_MUST_NOT_BE_SUSPENDED', [user.id])
        break
      case 'BANKING_STATUS':
        if (user.bankingStatus !== 'VALIDATED') throw new SimError('BANKING_STATUS_MUST_BE_VALIDATED', [user.bankingStatus, user.id])
        break
      case 'TERMS': {
        const termsVersion = partnerSettings(getPartner(store, user.partnerId)).termsVersion
        if (user.lastTermsAccepted !== termsVersion) throw new SimError('TERMS_AND_CONDITIONS_NOT_ACCEPTED', [user.kind, user.id])
        break
      }
    }
  }
}
