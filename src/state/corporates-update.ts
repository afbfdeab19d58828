import { assertIncorporationFree, assertTermsVersion } from './corporates-create'
import { corporateData, getCorporate, setCorporateColumns, type CorporateRow } from './corporates'
import { assertTaxCountry, corporateProfileOf, type CorporateDetails } from './corporates-profile'
import { SimError } from './errors'
import { getPartner, partnerSettings } from './partners'
import { isEndUser, userTypeOf, type Scope } from './scope'
import type { Store } from './store'
import { emitEvent } from './webhooks'

// PATCH /corporates/{id}: the corporate's declared data, frozen once its KYB is decided.

/** PATCH /corporates/{id} body: the descriptive fields and the identifying ones. */
export interface UpdateCorporateInput extends CorporateDetails {
  registeredName?: string | null
  incorporationCountry?: string | null
  incorporationCode?: string | null
}

/**
 * KYB statuses after which only the free fields may change: the external id (LinkCy's rule) and,
 * SIM, the metadata and the accepted terms version (a validated corporate must be able to accept new terms).
 */
const DECIDED_KYB: readonly string[] = ['VALIDATED', 'DECLINED']

type Writable = Pick<CorporateRow, 'externalId' | 'registeredName' | 'tradeName' | 'incorporationCountry' | 'incorporationCode' | 'lastTermsAccepted' | 'profile'>

/**
 * PATCH /corporates/{id}. Checks: 404 CORPORATE_NOT_FOUND; an end-user may not set partnerMetadata;
 * after a VALIDATED or DECLINED KYB a change of anything but the free fields is 409
 * KYB_STATUS_MUST_NOT_BE_DECLINED (the only KYB refusal the reference lists); INVALID_TERMS_VERSION;
 * TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY; INCORPORATION_CODE_ALREADY_TAKEN.
 */
export function updateCorporate(store: Store, scope: Scope, corporateId: string, patch: UpdateCorporateInput): CorporateRow {
  const row = getCorporate(store, scope, corporateId)
  const endUser = isEndUser(scope)
  if (endUser && patch.partnerMetadata) throw new SimError('INSUFFICIENT_RIGHTS_TO_UPDATE_PARTNER_METADATA', [userTypeOf(scope)])
  const next: Writable = {
    externalId: patch.externalId ?? row.externalId,
    registeredName: patch.registeredName ?? row.registeredName,
    tradeName: patch.tradeName ?? row.tradeName,
    incorporationCountry: patch.incorporationCountry ?? row.incorporationCountry,
    incorporationCode: patch.incorporationCode ?? row.incorporationCode,
    lastTermsAccepted: patch.lastTermsAccepted || row.lastTermsAccepted,
    profile: corporateProfileOf(row.profile, patch, endUser ? 'USER' : 'PARTNER'),
  }
  if (DECIDED_KYB.includes(row.kybStatus)) assertOnlyFreeChanges(row, next)
  assertTermsVersion(patch.lastTermsAccepted, partnerSettings(getPartner(store, row.partnerId)).termsVersion)
  assertTaxCountry(next.profile)
  if (next.incorporationCode !== row.incorporationCode || next.incorporationCountry !== row.incorporationCountry) {
    assertIncorporationFree(store, row.partnerId, next.incorporationCountry, next.incorporationCode, row.id)
  }
  const now = store.clock.nowMs()
  setCorporateColumns(store, row.id, next, now)
  const updated = { ...row, ...next, updateDate: now }
  emitEvent(store, row.partnerId, 'CORPORATE_UPDATED', corporateData(updated))
  return updated
}

/** Refuses a patch that would change anything but the free fields of a corporate whose KYB is decided. */
function assertOnlyFreeChanges(row: CorporateRow, next: Writable): void {
  if (frozenView(next) !== frozenView(row)) throw new SimError('KYB_STATUS_MUST_NOT_BE_DECLINED', [row.kybStatus, row.id])
}

/**
 * The frozen part of a corporate, comparable as text: everything but the free fields. An address is
 * compared without its verification status (re-sending the same address is not a change).
 */
function frozenView(w: Writable): string {
  const { partnerMetadata: _p, userMetadata: _u, registeredAddress, businessAddress, ...profile } = w.profile
  const view: Record<string, unknown> = {
    ...profile,
    registeredName: w.registeredName, tradeName: w.tradeName, incorporationCountry: w.incorporationCountry, incorporationCode: w.incorporationCode,
    registeredAddress: registeredAddress && { ...registeredAddress, status: undefined },
    businessAddress: businessAddress && { ...businessAddress, status: undefined },
  }
  return JSON.stringify(view, Object.keys(view).sort().concat(addressKeys))
}

const addressKeys = ['isoCountryCode', 'city', 'postalCode', 'street', 'number', 'refinement', 'stateOrProvince', 'value', 'currency']
