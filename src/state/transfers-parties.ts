import type { BeneficiaryRow } from './beneficiaries'
import type { TransactionParty } from './db/tables/transactions'
import type { LedgerRow } from './ledgers'
import { endUserById } from './end-users'
import type { Store } from './store'

// The sides of a transfer as a transaction row stores them: a simulated ledger (its holder, ids and
// account identifiers), a beneficiary, or an outside account known only by name and IBAN.

/** The name a ledger's holder shows in transactions: the consumer's first and last names, the corporate's registered name. */
export function holderName(store: Store, ledger: Pick<LedgerRow, 'endUserId'>): string | undefined {
  return endUserById(store, ledger.endUserId)?.name
}

/**
 * A simulated ledger as a transaction party: the holder's name, end-user, ledger and friendly name,
 * with the IBAN and BIC once upgraded (LinkCy shows no account identifiers before).
 */
export function ledgerParty(store: Store, ledger: LedgerRow): TransactionParty {
  const party: TransactionParty = { endUserId: ledger.endUserId, ledgerId: ledger.id }
  const name = holderName(store, ledger)
  if (name) party.name = name
  if (ledger.friendlyName) party.ledgerFriendlyName = ledger.friendlyName
  if (ledger.isUpgraded && ledger.iban) party.iban = ledger.iban
  if (ledger.isUpgraded && ledger.bicOrSwift) party.bicOrSwift = ledger.bicOrSwift
  return party
}

/**
 * A beneficiary as the receiver of a transfer: its name and account, and the simulated ledger behind
 * it when that ledger is the same partner's (another partner's ids are never shown).
 */
export function beneficiaryParty(beneficiary: BeneficiaryRow, target?: LedgerRow): TransactionParty {
  const party: TransactionParty = { name: beneficiary.name, beneficiaryId: beneficiary.id }
  if (beneficiary.iban) party.iban = beneficiary.iban
  if (beneficiary.bicOrSwift) party.bicOrSwift = beneficiary.bicOrSwift
  if (beneficiary.sortCode) party.sortCode = beneficiary.sortCode
  if (beneficiary.accountNumber) party.accountNumber = beneficiary.accountNumber
  if (target && target.partnerId === beneficiary.partnerId) {
    party.ledgerId = target.id
    party.endUserId = target.endUserId
    if (target.friendlyName) party.ledgerFriendlyName = target.friendlyName
  }
  return party
}

/** An account outside the simulator (the debtor of an incoming transfer). */
export function externalParty(name: string, iban?: string, bic?: string): TransactionParty {
  const party: TransactionParty = { name }
  if (iban) party.iban = iban
  if (bic) party.bicOrSwift = bic
  return party
}

/**
 * The other side of a SEPA movement as one simulated ledger sees it: the account's name, IBAN and BIC,
 * plus the ids of the simulated ledger behind it only when that ledger is of the viewer's partner
 * (another partner's ids are never shown).
 */
export function sepaCounterparty(
  account: { name: string; iban?: string; bic?: string },
  ledger: Pick<LedgerRow, 'id' | 'endUserId' | 'partnerId'> | undefined,
  viewerPartnerId: string,
): TransactionParty {
  const party = externalParty(account.name, account.iban, account.bic)
  if (ledger && ledger.partnerId === viewerPartnerId) Object.assign(party, { endUserId: ledger.endUserId, ledgerId: ledger.id })
  return party
}
