// LinkCy's card designs: the visuals LinkCy sets up for a partner once its design request is
// approved, each fixing a scheme, a card type, a holder type, a ledger type and the countries it may
// be issued to. Partners only list them and build card profiles on them.
// SIM: one static catalogue shared by every partner, with fixed ids (the same in every world).

export const CARD_SCHEMES = ['MASTERCARD', 'VISA'] as const
export type CardScheme = (typeof CARD_SCHEMES)[number]
export const CARD_TYPES = ['PHYSICAL', 'VIRTUAL'] as const
export type CardType = (typeof CARD_TYPES)[number]
export const CARD_USER_TYPES = ['CORPORATE', 'CONSUMER'] as const
export type CardUserType = (typeof CARD_USER_TYPES)[number]
/** The ledger types of CardDesignListElementDto (EUR_ESTONIA is listed although no ledger opens as such today). */
export const CARD_LEDGER_TYPES = ['EUR_BELGIUM', 'EUR_FRANCE', 'EUR_ESTONIA', 'EUR_LITHUANIA', 'USD_USA', 'GBP_GREAT_BRITAIN'] as const
export type CardLedgerType = (typeof CARD_LEDGER_TYPES)[number]

export interface CardDesign {
  id: string
  /** The card program the design belongs to (a profile's `program.id`). */
  programId: string
  friendlyName: string
  scheme: CardScheme
  ledgerType: CardLedgerType
  cardType: CardType
  userType: CardUserType
  /** ISO 3166 alpha-3 countries a card of this design may be issued to (delivery / residence). */
  availableCountries: string[]
  /** The currency of the cards (the ledger type's). */
  currency: 'EUR' | 'USD' | 'GBP'
}

/** The European Economic Area, where LinkCy's EUR cards are issued. */
const EEA = [
  'AUT', 'BEL', 'BGR', 'CYP', 'CZE', 'DEU', 'DNK', 'ESP', 'EST', 'FIN', 'FRA', 'GRC', 'HRV', 'HUN', 'IRL', 'ISL', 'ITA',
  'LIE', 'LTU', 'LUX', 'LVA', 'MLT', 'NLD', 'NOR', 'POL', 'PRT', 'ROU', 'SVK', 'SVN', 'SWE',
]
/** France with Monaco (French domestic mail reaches both). */
const FRANCE_AND_EEA = [...EEA, 'MCO'].sort()
const UK = ['GBR', 'GGY', 'IMN', 'JEY']
const US = ['USA']

const PROGRAMS = {
  MC_EUR_CONSUMER: '7b722c20-15e5-4151-9478-b66633cf203d',
  MC_EUR_CORPORATE: '4af1c720-6713-403f-9667-2a18aaee1fd8',
  VISA_EUR_CONSUMER: 'edd243db-0f10-4749-b877-edac7eaea0a4',
  VISA_EUR_CORPORATE: '4be8171d-c675-416b-a61f-904800f6c7df',
  VISA_USD: '7cdb4973-fa88-4768-8979-aee18a1197b5',
  MC_GBP: '0c05d58f-c4a3-4b35-93f7-d6fac13286b5',
} as const

type Row = [id: string, program: keyof typeof PROGRAMS, name: string, scheme: CardScheme, ledger: CardLedgerType, type: CardType, user: CardUserType, countries: string[]]

const ROWS: Row[] = [
  ['409d49ce-38c8-4565-8c52-813029b54a50', 'MC_EUR_CONSUMER', 'Mastercard Debit Classic Midnight Blue', 'MASTERCARD', 'EUR_FRANCE', 'PHYSICAL', 'CONSUMER', FRANCE_AND_EEA],
  ['9adbffb3-7b06-4a60-ae08-2a4b48f73c4a', 'MC_EUR_CONSUMER', 'Mastercard Debit Virtual Midnight Blue', 'MASTERCARD', 'EUR_FRANCE', 'VIRTUAL', 'CONSUMER', FRANCE_AND_EEA],
  ['7cc2359a-bb60-47b1-ae7a-2b02a212b69d', 'MC_EUR_CORPORATE', 'Mastercard Business Debit Graphite', 'MASTERCARD', 'EUR_FRANCE', 'PHYSICAL', 'CORPORATE', FRANCE_AND_EEA],
  ['0beccf6d-aa19-4bfc-87fe-c83f26eebcf5', 'MC_EUR_CORPORATE', 'Mastercard Business Virtual Graphite', 'MASTERCARD', 'EUR_FRANCE', 'VIRTUAL', 'CORPORATE', FRANCE_AND_EEA],
  ['6ea6dfeb-9d7b-486c-99dc-3cdcdbcd2801', 'MC_EUR_CONSUMER', 'Mastercard Debit Classic Coral', 'MASTERCARD', 'EUR_BELGIUM', 'PHYSICAL', 'CONSUMER', EEA],
  ['4ec76c80-e9d5-4fa6-bdec-535a725bc0d1', 'MC_EUR_CONSUMER', 'Mastercard Debit Virtual Coral', 'MASTERCARD', 'EUR_BELGIUM', 'VIRTUAL', 'CONSUMER', EEA],
  ['6a3ce41b-44c2-420b-b33f-3812583875f6', 'MC_EUR_CORPORATE', 'Mastercard Business Debit Slate', 'MASTERCARD', 'EUR_BELGIUM', 'PHYSICAL', 'CORPORATE', EEA],
  ['ad7178d0-e7d0-49f9-923e-b6df4186f220', 'MC_EUR_CORPORATE', 'Mastercard Business Virtual Slate', 'MASTERCARD', 'EUR_BELGIUM', 'VIRTUAL', 'CORPORATE', EEA],
  ['2091e1b8-766c-47ba-b40c-7ea2235f6f42', 'MC_EUR_CONSUMER', 'Mastercard Debit Classic Amber', 'MASTERCARD', 'EUR_LITHUANIA', 'PHYSICAL', 'CONSUMER', EEA],
  ['bcb550e5-b259-484f-9b45-32abde307b6f', 'MC_EUR_CONSUMER', 'Mastercard Debit Virtual Amber', 'MASTERCARD', 'EUR_LITHUANIA', 'VIRTUAL', 'CONSUMER', EEA],
  ['9a9b0606-ec9f-4145-8a93-8c836bf176c4', 'MC_EUR_CORPORATE', 'Mastercard Business Debit Onyx', 'MASTERCARD', 'EUR_LITHUANIA', 'PHYSICAL', 'CORPORATE', EEA],
  ['1f69e760-52a9-4e6c-919b-5533c2484165', 'MC_EUR_CORPORATE', 'Mastercard Business Virtual Onyx', 'MASTERCARD', 'EUR_LITHUANIA', 'VIRTUAL', 'CORPORATE', EEA],
  ['b178f2ed-277a-454c-992a-d459fb1cc550', 'MC_EUR_CONSUMER', 'Mastercard Debit Classic Baltic Green', 'MASTERCARD', 'EUR_ESTONIA', 'PHYSICAL', 'CONSUMER', EEA],
  ['8e25841f-9da1-4c07-95a6-12101c1308b3', 'MC_EUR_CONSUMER', 'Mastercard Debit Virtual Baltic Green', 'MASTERCARD', 'EUR_ESTONIA', 'VIRTUAL', 'CONSUMER', EEA],
  ['7443da52-8863-4ce0-a9f4-bb7b2c15065c', 'MC_EUR_CORPORATE', 'Mastercard Business Debit Baltic Grey', 'MASTERCARD', 'EUR_ESTONIA', 'PHYSICAL', 'CORPORATE', EEA],
  ['15b64164-e090-4277-ac5a-02b48625ac6b', 'MC_EUR_CORPORATE', 'Mastercard Business Virtual Baltic Grey', 'MASTERCARD', 'EUR_ESTONIA', 'VIRTUAL', 'CORPORATE', EEA],
  ['583178a3-3479-4f00-81fb-5c36a343495b', 'VISA_EUR_CONSUMER', 'Visa Debit Essential White', 'VISA', 'EUR_FRANCE', 'PHYSICAL', 'CONSUMER', FRANCE_AND_EEA],
  ['f4d779c1-c062-4a57-a7fb-7bbfde1fd980', 'VISA_EUR_CONSUMER', 'Visa Debit Virtual White', 'VISA', 'EUR_FRANCE', 'VIRTUAL', 'CONSUMER', FRANCE_AND_EEA],
  ['f42f6d28-83b2-46d3-88ec-531dddeb75e8', 'VISA_EUR_CORPORATE', 'Visa Business Debit Carbon', 'VISA', 'EUR_FRANCE', 'PHYSICAL', 'CORPORATE', FRANCE_AND_EEA],
  ['b078b786-223f-4a0c-9eb5-7247140425de', 'VISA_EUR_CONSUMER', 'Visa Debit Essential Sky', 'VISA', 'EUR_BELGIUM', 'PHYSICAL', 'CONSUMER', EEA],
  ['7a402e00-e601-43d6-99ad-d7cdba096075', 'VISA_EUR_CONSUMER', 'Visa Debit Virtual Sky', 'VISA', 'EUR_BELGIUM', 'VIRTUAL', 'CONSUMER', EEA],
  ['f52dd4b3-8a53-4b0a-84d9-dffc6b7530db', 'VISA_USD', 'Visa Debit Liberty Navy', 'VISA', 'USD_USA', 'PHYSICAL', 'CONSUMER', US],
  ['efa4ffb0-270b-4117-8152-faac5de802e9', 'VISA_USD', 'Visa Debit Virtual Liberty Navy', 'VISA', 'USD_USA', 'VIRTUAL', 'CONSUMER', US],
  ['a1c59e57-5a1f-4ccb-8e7a-9be99d2daedd', 'VISA_USD', 'Visa Business Virtual Liberty Steel', 'VISA', 'USD_USA', 'VIRTUAL', 'CORPORATE', US],
  ['a0a150eb-e3c4-4a3a-9e15-a349269eeb3b', 'MC_GBP', 'Mastercard Debit Thames Teal', 'MASTERCARD', 'GBP_GREAT_BRITAIN', 'PHYSICAL', 'CONSUMER', UK],
  ['109a795b-1d24-4e29-a0f2-5a8494f92639', 'MC_GBP', 'Mastercard Debit Virtual Thames Teal', 'MASTERCARD', 'GBP_GREAT_BRITAIN', 'VIRTUAL', 'CONSUMER', UK],
  ['2850c97d-257d-4e41-98c0-499fb65648d3', 'MC_GBP', 'Mastercard Business Debit Thames Charcoal', 'MASTERCARD', 'GBP_GREAT_BRITAIN', 'PHYSICAL', 'CORPORATE', UK],
]

const CURRENCY: Record<CardLedgerType, CardDesign['currency']> = {
  EUR_BELGIUM: 'EUR', EUR_FRANCE: 'EUR', EUR_ESTONIA: 'EUR', EUR_LITHUANIA: 'EUR', USD_USA: 'USD', GBP_GREAT_BRITAIN: 'GBP',
}

/** The catalogue, in LinkCy's default order (by ledger type, then card type, as set up). */
export const CARD_DESIGNS: readonly CardDesign[] = ROWS.map(([id, program, friendlyName, scheme, ledgerType, cardType, userType, availableCountries]) => ({
  id, programId: PROGRAMS[program], friendlyName, scheme, ledgerType, cardType, userType, availableCountries, currency: CURRENCY[ledgerType],
}))

/** A design by id (ids are compared lower-case, as uuids are). */
export function findCardDesign(id: string): CardDesign | undefined {
  const key = id.toLowerCase()
  return CARD_DESIGNS.find((d) => d.id === key)
}

export interface CardDesignQuery {
  scheme?: CardScheme
  ledgerType?: CardLedgerType
  cardType?: CardType
  userType?: CardUserType
  sortAttribute?: 'FRIENDLY_NAME'
  sortDirection?: 'ASC' | 'DESC'
}

/**
 * List card designs: the designs matching every given filter. Sorted by friendly name when asked
 * (ASC by default), else in catalogue order (reversed by sortDirection DESC).
 */
export function listCardDesigns(query: CardDesignQuery): CardDesign[] {
  const found = CARD_DESIGNS.filter((d) =>
    (!query.scheme || d.scheme === query.scheme) && (!query.ledgerType || d.ledgerType === query.ledgerType)
    && (!query.cardType || d.cardType === query.cardType) && (!query.userType || d.userType === query.userType))
  const sorted = query.sortAttribute === 'FRIENDLY_NAME' ? [...found].sort((a, b) => a.friendlyName.localeCompare(b.friendlyName)) : [...found]
  return query.sortDirection === 'DESC' ? sorted.reverse() : sorted
}
