import { getCorporate, type CorporateRow } from './corporates'
import { currentScaDevice } from './end-users'
import { complianceInfoOf } from './kyb-graph'
import { getPartner, partnerSettings } from './partners'
import type { Scope } from './scope'
import type { Store } from './store'
import type { StrongAuthentication } from './consumers'

// GET /corporates/{id}: the corporate with what LinkCy derives when it is read.

/** A corporate as LinkCy shows it: the row, its terms acceptance, current SCA device and ownership summary. */
export type CorporateRecord = CorporateRow & {
  termsAccepted: boolean
  strongAuthentication?: StrongAuthentication
  complianceInfo: { maxUbosLayer: number; relatedLayersTotal: number; isExtendedUbos: boolean }
}

/**
 * GET /corporates/{id}: the partner's corporate (a corporate token: only itself, else 404
 * CORPORATE_NOT_FOUND) with its terms acceptance against the partner's current terms version, its
 * current SCA device and its complianceInfo (the ownership graph's layers: state/kyb-graph.ts).
 */
export function getCorporateInfo(store: Store, scope: Scope, corporateId: string): CorporateRecord {
  const row = getCorporate(store, scope, corporateId)
  const termsVersion = partnerSettings(getPartner(store, row.partnerId)).termsVersion
  const device = currentScaDevice(store, row.partnerId, row.id)
  const strongAuthentication = device && {
    id: device.id, endpointId: device.endpointId, creationDate: device.creationDate, pinStatus: device.pinStatus, biometryStatus: device.biometryStatus,
  }
  return {
    ...row,
    termsAccepted: row.lastTermsAccepted === termsVersion,
    complianceInfo: complianceInfoOf(store, row),
    ...(strongAuthentication ? { strongAuthentication } : {}),
  }
}
