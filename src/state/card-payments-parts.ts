import { createHash } from 'node:crypto'
import type { cards } from './db/schema'
import type { TransactionParty } from './db/tables/transactions'
import type { LedgerRow } from './ledgers'
import type { Store } from './store'
import { ledgerParty } from './transfers-parties'

// The pieces a card transaction is made of, as LinkCy's card branch of a transaction shows them:
// the merchant, the card holder's side (ledger + card), the card details of the acceptance (present
// or not, PIN, contactless) and the conversion of a foreign-currency amount into the card's currency.

type CardRow = typeof cards.$inferSelect

/** The merchant of a card transaction (TransactionMerchantResponseDto). */
export interface Merchant {
  id: string
  name: string
  city: string
  country: string
  categoryCode: string
  description: string
}

/** What a request says about the merchant (every field optional, as in LinkCy's simulate body). */
export interface MerchantInput {
  merchantName?: string
  merchantCity?: string
  merchantCountry?: string
  merchantId?: string
  merchantCategoryCode?: string
}

/**
 * The merchant of a simulated payment: the request's fields, the rest drawn from the seeded faker.
 * SIM: LinkCy's sandbox does not say what it fills in; a French "miscellaneous retail" (MCC 5999) shop.
 */
export function merchantOf(store: Store, input: MerchantInput): Merchant {
  const fake = input.merchantName && input.merchantCity ? undefined : store.rng.fake()
  const name = input.merchantName ?? fake!.company.name()
  const city = input.merchantCity ?? fake!.location.city()
  return {
    id: input.merchantId ?? store.rng.digits(15),
    name,
    city,
    country: input.merchantCountry ?? 'FRA',
    categoryCode: input.merchantCategoryCode ?? '5999',
    description: `${name} ${city}`.toUpperCase(),
  }
}

/** The card holder's side of a card transaction (CardTransactionActorResponseDto): ledger, holder and card. */
export function cardParty(store: Store, ledger: LedgerRow, card: CardRow): TransactionParty {
  const { iban: _iban, bicOrSwift: _bic, ...party } = ledgerParty(store, ledger)
  return { ...party, cardId: card.id, ...(card.friendlyName ? { cardFriendlyName: card.friendlyName } : {}) }
}

/** How the card was used: at a terminal (with or without PIN) or remotely. */
export interface Acceptance {
  cardPresent: boolean
  pinEntered: boolean
}

/**
 * The card details of a transaction (CardTransactionCardDetailsResponseDto). `truncatedPan` is the
 * last four digits (as the card shows them) and `token` a stable per-card number, never the PAN.
 */
export function cardDetailsOf(card: CardRow, acceptance: Acceptance): Record<string, string> {
  const present = acceptance.cardPresent
  return {
    truncatedPan: card.panLast4,
    token: cardToken(card.id),
    terminalAttendance: present ? 'ATTENDED' : 'NO_TERMINAL_USED',
    holderPresent: present ? 'PRESENT' : 'NOT_PRESENT_E_COMMERCE',
    cardPresent: present ? 'PRESENT' : 'NOT_PRESENT',
    deviceFormFactor: present ? 'CARD' : 'UNKNOWN',
    inputMethod: !present ? 'E_COMMERCE' : acceptance.pinEntered ? 'EMV_CONTACT' : 'EMV_CONTACTLESS',
  }
}

/** The processor's token of a card: nine digits derived from its id (stable, and unrelated to the PAN). */
export function cardToken(cardId: string): string {
  const n = createHash('sha256').update(`card-token:${cardId}`).digest().readUInt32BE(0)
  return String(100_000_000 + (n % 900_000_000))
}

/**
 * Reference rates of one euro, in units of 1/10 000 of each currency (the currencies of LinkCy's card
 * transaction enum). SIM: fixed rates; the simulator has no market data.
 */
const RATES_PER_EUR: Record<string, bigint> = {
  EUR: 10_000n, USD: 10_800n, GBP: 8_500n, CHF: 9_500n, PLN: 43_000n, SEK: 112_000n, NOK: 115_000n, JPY: 1_600_000n, CAD: 14_700n,
  AUD: 16_500n, HUF: 3_900_000n, HKD: 84_000n, NZD: 18_000n, CZK: 250_000n, SGD: 14_500n, RON: 49_700n, HRK: 75_300n,
}

/** The currencies a simulated card payment may be made in. */
export const CARD_PAYMENT_CURRENCIES = Object.keys(RATES_PER_EUR) as [string, ...string[]]

/** An amount converted into the card's currency, with LinkCy's `information` members of the original. */
export interface Converted {
  amountCents: number
  /** Members of `information`: originalAmountCents, originalCurrency, conversionRate (absent when no conversion). */
  information: Record<string, unknown>
}

/**
 * Converts `cents` of `currency` into the card's currency at the fixed rates (half up, integer
 * arithmetic); the same currency is kept as is. Minor units are hundredths for every currency.
 */
export function convert(cents: number, currency: string, cardCurrency: string): Converted {
  if (currency === cardCurrency) return { amountCents: cents, information: {} }
  const from = RATES_PER_EUR[currency]!
  const to = RATES_PER_EUR[cardCurrency]!
  const amountCents = Number((BigInt(cents) * to * 2n + from) / (from * 2n))
  const micro = (to * 1_000_000n * 2n + from) / (from * 2n)
  const conversionRate = `${micro / 1_000_000n}.${String(micro % 1_000_000n).padStart(6, '0')}`
  return { amountCents, information: { originalAmountCents: cents, originalCurrency: currency, conversionRate } }
}
