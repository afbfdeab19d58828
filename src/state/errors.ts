// One catalogue of LinkCy's business errors: code → HTTP status, `error` kind and message template.
// The wire text comes from the error examples of LinkCy's reference; {0}, {1}, ... are filled with
// the values of the failing request. routes/errors.ts is the only place that renders these.

export type ErrorKind =
  | 'linkcy.bad.request'
  | 'linkcy.unauthorized'
  | 'linkcy.forbidden'
  | 'linkcy.not.found'
  | 'linkcy.conflict'
  | 'linkcy.internal'
  // Statuses only the /_sim/faults injector answers (state/faults.ts): LinkCy's reference shows none.
  | 'linkcy.too.many.requests'
  | 'linkcy.bad.gateway'
  | 'linkcy.service.unavailable'
  | 'linkcy.gateway.timeout'

const KIND_BY_STATUS: Record<number, ErrorKind> = {
  400: 'linkcy.bad.request',
  401: 'linkcy.unauthorized',
  403: 'linkcy.forbidden',
  404: 'linkcy.not.found',
  409: 'linkcy.conflict',
  500: 'linkcy.internal',
  429: 'linkcy.too.many.requests',
  502: 'linkcy.bad.gateway',
  503: 'linkcy.service.unavailable',
  504: 'linkcy.gateway.timeout',
}

export function kindOf(status: number): ErrorKind {
  return KIND_BY_STATUS[status] ?? 'linkcy.bad.request'
}

interface CatalogueEntry {
  status: 400 | 401 | 403 | 404 | 409 | 500
  message: string
}

const bad = (message: string): CatalogueEntry => ({ status: 400, message })
const forbidden = (message: string): CatalogueEntry => ({ status: 403, message })
const notFound = (message: string): CatalogueEntry => ({ status: 404, message })
const conflict = (message: string): CatalogueEntry => ({ status: 409, message })

export const ERROR_CATALOGUE = {
  // Generic validation
  TOO_LONG_FIELD: bad('For the field {0}, the maximum allowed size is {1} but the size was {2}.'),
  INVALID_TERMS_VERSION: bad('Terms version does not correspond to the latest.'),
  OTHER_OCCUPATION_MUST_HAVE_A_DESCRIPTION: bad("The chosen occupation is 'OTHER' but no description was specified."),
  OTHER_SOURCE_OF_FUNDS_MUST_HAVE_A_DESCRIPTION: bad("The chosen source of funds is 'OTHER' but no description was specified."),
  TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY: bad('The tax identification number must have a country.'),

  // Partner and partner accounts
  PARTNER_NOT_FOUND: notFound('Partner {0} was not found.'),
  PARTNER_ACCOUNT_NOT_FOUND: notFound('Partner account {0} was not found.'),
  PARTNER_NAME_REQUIRED: conflict('Partner name is mandatory if you request as anonymous.'),
  INVALID_OTP_MESSAGE: bad('The OTP message must contain the following string to put the OTP secret: $otp'),
  ROLE_NOT_ALLOWED: forbidden('Can not set a role you dont have: {0}'),
  EMAIL_ALREADY_TAKEN: conflict('Username is already taken'),
  INSUFFICIENT_RIGHTS: forbidden('Your current authentication ({0}) does not have sufficient rights to perform this operation.'),

  // End-users
  END_USER_FORBIDDEN: forbidden('End-user with id {0} is forbidden.'),
  END_USER_NOT_FOUND: bad('End-user with id {0} was not found.'),
  END_USER_ID_REQUIRED: bad('Field endUserId is required when authenticated as {0}.'),
  PERSON_NOT_FOUND: bad('Person of type {0} with id {1} was not found.'),
  PERSON_ID_REQUIRED: bad('You must either specify a person id or be authenticated as CONSUMER. Current user type is {0}.'),

  // An end-user's banking standing, in the order state/end-user-checks.ts checks it (KYB: corporates, a later issue)
  CONSUMER_KYC_MUST_BE_VALIDATED: conflict('Consumer kyc must be validated.'),
  CORPORATE_KYB_MUST_BE_VALIDATED: conflict('Corporate kyb must be validated.'),
  LINKCY_STATUS_MUST_BE_VALIDATED: conflict('The current linkcy status ({0}) of current end-user (id={1}) does not allow this operation.'),
  END_USER_MUST_NOT_BE_SUSPENDED: conflict('End-user (with id {0}) must not be suspended to do this operation.'),
  BANKING_STATUS_MUST_BE_VALIDATED: conflict('The current banking status ({0}) of current end-user (id={1}) does not allow this operation.'),
  TERMS_AND_CONDITIONS_NOT_ACCEPTED: conflict('The {0} with id {1} has not accepted the latest terms and conditions.'),

  // Consumers
  CONSUMER_NOT_FOUND: notFound('Consumer with id {0} was not found.'),
  PHONE_ALREADY_TAKEN: conflict('A consumer with this phone already exists.'),
  INSUFFICIENT_RIGHTS_TO_UPDATE_PHONE: forbidden('You cannot update phone authenticated as {0}.'),
  INSUFFICIENT_RIGHTS_TO_UPDATE_PARTNER_METADATA: forbidden('You cannot update partnerMetadata authenticated as {0}.'),

  // Corporates
  CORPORATE_NOT_FOUND: notFound('Corporate with id {0} was not found.'),
  CORPORATE_PHONE_ALREADY_TAKEN: conflict('A corporate with phone +{0} {1} already exists.'),
  INCORPORATION_CODE_ALREADY_TAKEN: conflict('A corporate with the same incorporation code ({0}) and incorporation country ({1}) has already been registered.'),
  KYB_STATUS_MUST_NOT_BE_DECLINED: conflict('The current KYB status ({0}) of corporate with id {1} does not allow this operation.'),
  TOTAL_SHARES_PERCENTAGE_IS_OVER_100: bad('The shares of this entity would cause its owned corporate to exceed 100% of shares ({1}%).'),

  // KYB: corporate-related persons and entities, shares, KYB decision
  CORPORATE_RELATED_NOT_FOUND: notFound('Corporate related with id {0} was not found.'),
  CORPORATE_RELATED_CORPORATE_MUST_BE_SHAREHOLDER_OR_DIRECTOR: bad('To be added as a corporate-related entity, a corporate must be a shareholder or a director.'),
  CORPORATE_RELATED_CORPORATE_ALREADY_ADDED: conflict('A corporate-related corporate with the same incorporation code ({0}) and incorporation country ({1}) has already been added for this corporate.'),
  CORPORATE_RELATED_ENTITY_NOT_COMPATIBLE: bad('Corporate related requested did not match corporate related found with id {0}.'),
  ACCOUNT_OWNER_PHONE_CANNOT_BE_PATCHED: conflict('You cannot patch the phone of an account owner.'),
  UBO_ALREADY_EXISTING: conflict('You cannot add a special UBO because there is already a UBO for corporate with id {0}.'),
  OWNED_CORPORATE_NOT_FOUND: bad('Owned corporate with id {0} was not found.'),
  MORE_THAN_ONE_SHARE_BY_OWNED_CORPORATE: bad("There can be only one share's information by owned corporate and related corporate."),
  SHARE_NOT_FOUND: notFound('Share with id {0} was not found.'),
  SHARE_PERCENTAGE_EQUALS_ZERO: bad('The share percentage can not be zero.'),
  SHARE_ALREADY_EXIST: conflict('The corporate-related {0} has already share with the owned corporate id {1}.'),
  CYCLIC_SHARE_DEPENDENCY: conflict('An owned corporate-related has shares of the current corporate-related which would lead to a cyclic share dependency.'),
  CORPORATE_MUST_HAVE_A_VALIDATED_DIRECTOR: conflict('Corporate with id {0} must have at least one director with validated KYC in order to update its KYB status to VALIDATED.'),
  CORPORATE_MUST_HAVE_A_UBO: conflict('Corporate with id {0} must have at least one UBO in order to update its KYB status to VALIDATED.'),
  MISSING_CORPORATE_RELATED_KYC: conflict("In order to update the KYB status to 'VALIDATED' for corporate with id {0}, the following corporate related persons must valid their KYC: {1}."),
  CORPORATE_MUST_HAVE_A_LEGAL_TYPE: conflict('Corporate with id {0} must have a legal type.'),
  CORPORATE_MUST_HAVE_AN_INCORPORATION_DATE: conflict('Corporate with id {0} must have an incorporation date.'),
  // SIM: the simulator's own (/_sim KYB decision), not a LinkCy code.
  KYB_STATUS_TRANSITION_NOT_ALLOWED: conflict('The KYB of corporate {0} is {1} and cannot become {2}.'),

  // Verifications
  INVALID_PHONE_CODE: bad('Phone code is not valid.'),
  PHONE_ALREADY_VERIFIED: conflict('Phone is already verified for user {0}.'),
  PHONE_CODE_HAS_EXPIRED: conflict('Phone code has expired, please restart the creation process.'),
  PHONE_CODE_MUST_BE_SENT: conflict('Phone code must be sent, please follow the steps of creation process.'),
  PHONE_CODE_STILL_ACTIVE: conflict('Phone code for user {0} is still active.'),
  EMAIL_ALREADY_VERIFIED: conflict('Email address is already verified.'),
  EMAIL_MUST_NOT_BE_NULL: conflict('Email must not be null in order to verify it.'),
  DOCUMENT_NOT_FOUND: bad('Document with id {0} was not found.'),
  OPERATION_NOT_ALLOWED: conflict('This operation is not allowed by your current configuration.'),
  INVALID_DOCUMENT_TYPE: conflict('Document with id {0} must have {1} type but has {2} type.'),
  INVALID_FILE_FORMAT: bad('File format is not valid. Expected format: {0}'),
  TOO_LARGE_DOCUMENT: bad('This document is too large. Maximum allowed size is {0} MB.'),
  DOCUMENT_LIMIT_REACHED: conflict("You've reached the document limit for this end-user ({0})."),
  SERVICE_NOT_ACTIVE: conflict('This service is not active'),

  // KYC
  KYC_APPLICATION_NOT_FOUND: notFound('Kyc application with id {0} was not found.'),
  PHONE_MUST_BE_VERIFIED: conflict("Consumer's phone must be verified to do this operation."),
  LAST_KYC_APPLICATION_NOT_FINISHED: conflict(
    'A KYC application for this consumer is still being processed, please wait for it to complete before starting a new one.',
  ),
  KYC_ALREADY_VALIDATED: conflict('You cannot create a new KYC application for a user with KYC already validated.'),
  // SIM: the simulator's own (hosted KYC page and /_sim control plane), not a LinkCy code.
  KYC_STATUS_TRANSITION_NOT_ALLOWED: conflict('Kyc application {0} is {1} and cannot become {2}.'),

  // Strong Customer Authentication (messages of codes without a reference example are their documented descriptions)
  SCA_REQUIRED: conflict('The operation you are trying to do requires SCA, current strategy {0}.'),
  SCA_DEVICE_NOT_SET: conflict('The operation requires SCA but the corresponding user has no SCA device set up.'),
  SCA_FACTOR_NOT_SET: bad('The user has a sca device set up, but the factor requested is not enrolled yet. You must either enroll it or change the factor.'),
  SCA_INTERACTION_NOT_FOUND: notFound('The specified id could not be found.'),
  SCA_INTERACTION_NOT_COMPLETED: conflict('The SCA interaction is not completed (pending).'),
  SCA_INTERACTION_DECLINED: conflict('The SCA interaction was declined by user or expired.'),
  SCA_INTERACTION_ALREADY_CONSUMED: conflict('The SCA interaction has already been used, you need to create a new one.'),
  SCA_INTERACTION_DOES_NOT_MATCH: conflict('The SCA interaction does not match the one you are trying to make. Body or url is different.'),
  SCA_SIGNATURE_DOES_NOT_MATCH: { status: 401, message: "The sca signature provided doesn't match the one required for this operation" },
  NO_ACTIVE_SCA_DEVICE_FOUND: notFound('No active SCA device could be found.'),
  SCA_DEVICE_NOT_VALID: conflict('The device cannot be used to sign this data.'),
  SCA_SIGNATURE_FORMAT_INVALID: conflict('The signature format for data signing SCA strategy is invalid: HTTP header validation failed.'),
  SCA_SIGNATURE_MISSING: conflict('The signature required for data signing SCA strategy is missing.'),
  SCA_DEVICE_ALREADY_SET: conflict('The SCA device for this user has already been set up.'),
  SCA_DEVICE_NOT_FOUND: notFound('The SCA device you are referring ((id: {0}) could not be found.'),
  SCA_BIOMETRY_ALREADY_SET: conflict('Biometry is already set on this SCA device.'),

  // Ledgers
  LEDGER_NOT_FOUND: notFound('Ledger with id {0} was not found.'),
  LEDGER_ALREADY_UPGRADED: conflict('This ledger is already upgraded.'),
  LEDGER_MUST_BE_ACTIVE: conflict('Ledger must be active to do this operation.'),
  LEDGER_MUST_BE_UPGRADED: conflict('Ledger must be upgraded to do this operation.'),
  LEDGER_MUST_NOT_BE_CLOSED: conflict('Ledger must not be closed to do this operation.'),
  LEDGER_MUST_NOT_BE_SUSPENDED: conflict('Ledger must not be suspended to do this operation.'),
  LEDGER_MUST_BE_EMPTY: conflict('All balances of the ledger {0} must be empty.'),
  LEDGER_TYPE_NOT_ALLOWED: conflict('The ledger type {0} is not allowed'),
  FRIENDLY_NAME_ALREADY_TAKEN: conflict('{0} with this friendly name already exists.'),
  UNSUPPORTED_IBAN_FORMAT: conflict('Iban format not supported for ledger {0}. Contact your customer care.'),

  // Beneficiaries (the IBAN and BIC checks also apply to a mandate's debtor: state/beneficiaries-banking.ts)
  BENEFICIARY_NOT_FOUND: notFound('Beneficiary with id {0} was not found.'),
  BENEFICIARY_ALREADY_EXISTS: conflict('Beneficiary for this consumer already exists with id {0}.'),
  CANNOT_CHANGE_BENEFICIARY_DISPLAY: bad('You cannot change the property display with your authentication level.'),
  IBAN_NOT_SUPPORTED: bad('Iban from {0} are not supported.'),
  INVALID_BIC_SWIFT: bad('Bic or Swift is invalid.'),
  NOT_ALLOWED_BIC_SWIFT: bad('This bic or swift is not allowed at linkcy.'),

  // Acquiring
  ACCOUNT_LOAD_LEDGER_NOT_FOUND: conflict('Account Load Ledger not found for acquiring transaction.'),
  ACCOUNT_LOAD_INCORRECT_AMOUNT: conflict('Account Load amount should be between {0} and {1} ({2}).'),

  // Transactions and transfers
  TRANSACTION_NOT_FOUND: notFound('Transaction with id {0} was not found.'),
  LEDGER_MUST_BE_PROVISIONED: conflict('Ledger must be provisioned to perform this operation.'),
  BENEFICIARY_MUST_BE_ACTIVE: conflict('The beneficiary with id {0} is not active.'),
  BENEFICIARY_MUST_BE_VALID: conflict('The beneficiary with id {0} is not VALID, current status is {1}.'),
  BENEFICIARY_NOT_COMPATIBLE: conflict('We can not create a transaction to a {0} beneficiary from this ledger.'),
  INTER_LEDGER_TRANSACTION_MUST_BE_TWO_DIFFERENT_LEDGERS: conflict('Inter ledger transaction must be done between two different ledgers.'),
  // SIM: the simulator's own (sandbox simulate / _sim card payments), not a LinkCy code.
  CARD_AUTHORIZATION_NOT_PENDING: conflict('Card authorization {0} cannot be {1}: it is {2}.'),

  // Direct debit mandates and collections
  MANDATE_NOT_FOUND: notFound('Direct debit mandate with id {0} was not found.'),
  MANDATE_NOT_AVAILABLE_FOR_CONSUMERS: conflict('Direct debit mandate is not available yet for consumers.'),
  INVALID_EXPIRATION_DATE: bad('The expiration date must be after {0} and before {1}.'),
  CONFLICTING_MANDATE_STATUS: conflict('The current status of the mandate ({0}) does not allow this operation.'),
  MISSING_MANDATE_DATA: conflict('A direct debit mandate cannot be activated without the following data: {0}.'),
  MANDATE_MUST_BE_ACTIVE: conflict('Direct debit mandate with id {0} must be validated'),
  MANDATE_NOT_RECURRING: conflict('More than one transaction is not permited on a non-recurring mandate'),
  INVALID_DATE: bad('The specified date is invalid. Please choose a later date that is at least two days from today (J+2).'),

  // Cards (so far only the card named by sandbox POST /transactions/simulate; the cards issue adds the rest here)
  CARD_NOT_FOUND: notFound('Card {0} was not found.'),
  CARD_DESIGN_NOT_FOUND: bad('Card design with id {0} was not found.'),
  CARD_PROFILE_NOT_FOUND: notFound('Card profile with id {0} was not found.'),
  CARD_MUST_BE_ACTIVE: conflict('Card with id {0} must be active in order to perform this operation. Current card status is {1}.'),
  CARD_MUST_BE_PHYSICAL: conflict('Card with id {0} must be physical in order to realize this operation. Card type is {1}.'),
  CARD_MUST_BE_SUSPENDED_OR_AWAITING_ACTIVATION: conflict('Card with id {0} must be suspended or awaiting activation in order to be activated. Current card status is {1}.'),
  CARD_STILL_CREATING: conflict('Card with id {0} is still being created and therefore this operation is not yet available.'),
  INVALID_PAN: conflict('The given pan does not correspond to the card truncated PAN.'),
  OTHER_STATUS_REASON_MUST_HAVE_A_DESCRIPTION: bad("The chosen closure reason is 'OTHER' but no description was specified."),
  CARD_PROGRAM_NOT_COMPATIBLE_END_USER: conflict('This card program is not compatible with this type of user. Required {0}, got {1}.'),
  CARD_PROGRAM_NOT_COMPATIBLE_LEDGER: conflict('This card program can not handle ledger type {0}.'),
  DELIVERY_METHOD_REQUIRED: bad('A delivery method is required to create a physical card.'),
  INVALID_DELIVERY_METHOD: bad('Delivery method {0} is not valid with address country {1}.'),
  UNSUPPORTED_DELIVERY_METHOD: conflict('Delivery method {0} is not supported with the current partner configuration.'),
  INVALID_CARD_PROGRAM_TYPE: conflict('Unable to create card of type {0} with card program of type {1}.'),
  INVALID_CARD_PROGRAM_COUNTRY: conflict('Unable to create card for this delivery country, program supported countries: {0}.'),
  RESERVED_BALANCE_MUST_BE_EMPTY_WHEN_CREATING_FIRST_CARD: conflict('In order to create the first card, the ledger reserved balance must be zero.'),
  CARD_PROFILE_NOT_ACTIVE: bad('No active card profile with id {0} was found.'),
  CARD_RULE_NOT_UNIQUE: bad('Can not add two card rules of the same type.'),
  OTHER_CARD_BEING_CREATED_FOR_SAME_LEDGER: conflict('A card is already being created for this ledger (card with id {0}). Only one card can be created at a time for the same ledger.'),

  // Hosted web pages
  RESOURCE_NOT_FOUND: notFound('The resource you are trying to access to does not exist.'),
  EXPIRED_RESOURCE: conflict('The resource {0} you are trying to access to has expired.'),

  // SIM: the simulator's own (/_sim/snapshots), not LinkCy codes.
  SNAPSHOT_NOT_FOUND: notFound('Snapshot {0} was not found.'),
  SNAPSHOT_SCHEMA_MISMATCH: conflict('Snapshot {0} was taken with database schema {1}; this simulator runs schema {2} and cannot restore it.'),
  SNAPSHOT_NOT_RESTORABLE: conflict('Snapshot {0} cannot be restored: {1}. The world is unchanged.'),

  // SIM: the simulator's own (/_sim/faults), not a LinkCy code.
  FAULT_NOT_FOUND: notFound('Fault {0} was not found.'),
} satisfies Record<string, CatalogueEntry>

export type ErrorCode = keyof typeof ERROR_CATALOGUE

export interface SimErrorOptions {
  /** Overrides the catalogue status where LinkCy answers the same code with another status. */
  status?: CatalogueEntry['status']
  /** For 400s: the offending field path and value, rendered in `details[]`. */
  field?: string
  rejectedValue?: unknown
}

/** A documented LinkCy business error. Thrown by state operations; rendered by routes/errors.ts. */
export class SimError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly kind: ErrorKind
  readonly field?: string
  readonly rejectedValue?: unknown

  constructor(code: ErrorCode, params: readonly unknown[] = [], options: SimErrorOptions = {}) {
    const entry: CatalogueEntry = ERROR_CATALOGUE[code]
    super(fillTemplate(entry.message, params))
    this.name = 'SimError'
    this.code = code
    this.status = options.status ?? entry.status
    this.kind = kindOf(this.status)
    this.field = options.field
    this.rejectedValue = options.rejectedValue
  }
}

/** How a request named an id: in its path (404, the default) or in its body (400 with `details[{field}]`). */
export interface NamedId {
  status?: 400 | 404
  /** The body field that named the id, e.g. 'ledgerFromId' (400 only; default: the resource's own id field). */
  field?: string
}

/**
 * LinkCy's "... with id {0} was not found." for an id: the catalogued 404 for a path id, a 400 with
 * the field and rejected value where the request named it in its body (LEDGER_NOT_FOUND on ledgerFromId).
 */
export function notFoundError(code: ErrorCode, id: string, named: NamedId, defaultField: string): SimError {
  if (named.status !== 400) return new SimError(code, [id])
  return new SimError(code, [id], { status: 400, field: named.field ?? defaultField, rejectedValue: id })
}

/** Errors without an errorCode: 401 (bad/missing token or credentials) and plain 403 (missing role). */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message)
    this.name = 'AuthError'
  }
}

/** A field-level validation failure (LinkCy 400 `details[]` without errorCode). */
export interface FieldViolation {
  field: string
  rejectedValue: unknown
  message: string
}

export class ValidationError extends Error {
  constructor(readonly details: FieldViolation[]) {
    super(details.map((d) => `${d.field}: ${d.message}`).join('; '))
    this.name = 'ValidationError'
  }
}

export function fillTemplate(template: string, params: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < params.length ? String(params[Number(i)]) : whole))
}
