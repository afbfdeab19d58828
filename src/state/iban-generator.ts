import { eq } from 'drizzle-orm'
import { ledgers } from './db/schema'
import { buildIban, mod97 } from './iban'
import type { LedgerType } from './ledger-types'
import type { Store } from './store'

// Account identifiers of the ledgers the simulator opens: ISO 13616 IBANs whose BBAN carries the
// country's own check digits (French RIB key, Belgian mod 97), a BIC of a fictitious "LinkCy sandbox"
// bank per country, and for the non-SEPA types a sort code or an ABA routing number (with its
// checksum) beside the account number. Drawn from store.rng, unique across the world.

/** A simulated bank of a country: its national bank code(s) and BIC. */
interface SimBank {
  bankCode: string
  bic: string
  /** French guichet codes / British sort codes the bank uses. */
  branches?: readonly string[]
}

/**
 * The fictitious banks behind simulated ledgers. SIM: codes chosen not to collide with well-known
 * banks; the BICs share the bank code LKSB ("LinkCy sandbox bank").
 */
export const SIM_BANKS: Readonly<Record<LedgerType, SimBank>> = {
  EUR_FRANCE: { bankCode: '16958', bic: 'LKSBFRPP', branches: ['00001', '00002', '00010'] },
  EUR_BELGIUM: { bankCode: '943', bic: 'LKSBBEBB' },
  EUR_LITHUANIA: { bankCode: '39800', bic: 'LKSBLT21' },
  GBP_GREAT_BRITAIN: { bankCode: 'LKSB', bic: 'LKSBGB2L', branches: ['231471', '231472'] },
  USD_USA: { bankCode: '02600959', bic: 'LKSBUS33' },
}

/** The name printed for the simulated bank on bank details. */
export const SIM_BANK_NAME = 'LinkCy Sandbox Bank (simulated)'

/** The identifiers a ledger of a type gets. */
export interface AccountIdentifiers {
  iban?: string
  bicOrSwift: string
  accountNumber?: string
  sortCode?: string
  routingNumber?: string
}

const RIB_LETTERS: Record<string, string> = {
  A: '1', B: '2', C: '3', D: '4', E: '5', F: '6', G: '7', H: '8', I: '9',
  J: '1', K: '2', L: '3', M: '4', N: '5', O: '6', P: '7', Q: '8', R: '9',
  S: '2', T: '3', U: '4', V: '5', W: '6', X: '7', Y: '8', Z: '9',
}

/** The French RIB key of a bank code (5), branch code (5) and account number (11; letters mapped). */
export function ribKey(bank: string, branch: string, account: string): string {
  const digits = (s: string) => s.toUpperCase().replace(/[A-Z]/g, (ch) => RIB_LETTERS[ch]!)
  const rem = (s: string) => mod97(digits(s))
  const sum = (89 * rem(bank) + 15 * rem(branch) + 3 * rem(account)) % 97
  return String(97 - sum).padStart(2, '0')
}

/** The Belgian check number of the first ten BBAN digits (mod 97, 97 when 0). */
export function belgianCheck(tenDigits: string): string {
  const r = mod97(tenDigits)
  return String(r === 0 ? 97 : r).padStart(2, '0')
}

/** The ninth digit of an ABA routing number: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaCheckDigit(eightDigits: string): string {
  const d = [...eightDigits].map(Number)
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]!)
  return String((10 - (sum % 10)) % 10)
}

/** One draw of identifiers for a ledger type (not checked for uniqueness). */
function draw(store: Store, type: LedgerType): AccountIdentifiers {
  const bank = SIM_BANKS[type]
  const rng = store.rng
  switch (type) {
    case 'EUR_FRANCE': {
      const branch = rng.pick(bank.branches!)
      const account = rng.digits(11)
      return { iban: buildIban('FR', `${bank.bankCode}${branch}${account}${ribKey(bank.bankCode, branch, account)}`), bicOrSwift: bank.bic }
    }
    case 'EUR_BELGIUM': {
      const first10 = `${bank.bankCode}${rng.digits(7)}`
      return { iban: buildIban('BE', `${first10}${belgianCheck(first10)}`), bicOrSwift: bank.bic }
    }
    case 'EUR_LITHUANIA':
      return { iban: buildIban('LT', `${bank.bankCode}${rng.digits(11)}`), bicOrSwift: bank.bic }
    case 'GBP_GREAT_BRITAIN': {
      // SIM: British account numbers carry no modulus check here (VocaLink's tables are not reproduced).
      const sortCode = rng.pick(bank.branches!)
      const accountNumber = rng.digits(8)
      return { iban: buildIban('GB', `${bank.bankCode}${sortCode}${accountNumber}`), bicOrSwift: bank.bic, sortCode, accountNumber }
    }
    case 'USD_USA':
      return { bicOrSwift: bank.bic, routingNumber: `${bank.bankCode}${abaCheckDigit(bank.bankCode)}`, accountNumber: rng.digits(12) }
  }
}

/** Fresh identifiers for a new ledger of `type`, drawn again while another ledger already has them. */
export function newAccountIdentifiers(store: Store, type: LedgerType): AccountIdentifiers {
  for (;;) {
    const ids = draw(store, type)
    const clash = store.db
      .select({ id: ledgers.id })
      .from(ledgers)
      .where(ids.iban ? eq(ledgers.iban, ids.iban) : eq(ledgers.accountNumber, ids.accountNumber!))
      .get()
    if (!clash) return ids
  }
}
