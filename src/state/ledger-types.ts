// LinkCy's ledger types (the create request's `type`) and what each one implies: the country and
// currency shown on the ledger, and the account identifiers it gets (an IBAN for the EUR types and
// the British one, a sort code or an ABA routing number beside the account number elsewhere).

export const LEDGER_TYPES = ['EUR_BELGIUM', 'EUR_FRANCE', 'EUR_LITHUANIA', 'USD_USA', 'GBP_GREAT_BRITAIN'] as const
export type LedgerType = (typeof LEDGER_TYPES)[number]

export const LEDGER_COUNTRIES = ['ESTONIA', 'FRANCE', 'BELGIUM', 'GREAT_BRITAIN', 'LITHUANIA', 'USA'] as const
export type LedgerCountry = (typeof LEDGER_COUNTRIES)[number]

export const LEDGER_STATUSES = ['PENDING', 'ACTIVE', 'CLOSING', 'CLOSED', 'SUSPENDED', 'FAILED'] as const
export type LedgerStatus = (typeof LEDGER_STATUSES)[number]

export const OPERATORS = ['END_USER', 'PARTNER', 'LINKCY'] as const
export type Operator = (typeof OPERATORS)[number]

export interface LedgerTypeInfo {
  country: LedgerCountry
  currency: 'EUR' | 'GBP' | 'USD'
  /** ISO 3166 alpha-2 country of the account (IBAN prefix, BIC country). */
  iso2: 'BE' | 'FR' | 'LT' | 'US' | 'GB'
}

/** Country and currency of each ledger type. */
export const LEDGER_TYPE_INFO: Readonly<Record<LedgerType, LedgerTypeInfo>> = {
  EUR_BELGIUM: { country: 'BELGIUM', currency: 'EUR', iso2: 'BE' },
  EUR_FRANCE: { country: 'FRANCE', currency: 'EUR', iso2: 'FR' },
  EUR_LITHUANIA: { country: 'LITHUANIA', currency: 'EUR', iso2: 'LT' },
  USD_USA: { country: 'USA', currency: 'USD', iso2: 'US' },
  GBP_GREAT_BRITAIN: { country: 'GREAT_BRITAIN', currency: 'GBP', iso2: 'GB' },
}

/**
 * The types a partner may open when its scenario does not say. SIM: LinkCy enables ledger types per
 * partner contract; a sandbox partner gets the EUR types (USD and GBP answer LEDGER_TYPE_NOT_ALLOWED
 * unless the scenario's `allowedLedgerTypes` lists them).
 */
export const DEFAULT_ALLOWED_LEDGER_TYPES: readonly LedgerType[] = ['EUR_BELGIUM', 'EUR_FRANCE', 'EUR_LITHUANIA']
