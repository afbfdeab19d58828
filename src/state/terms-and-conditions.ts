import { DEFAULT_PARTNER_SETTINGS, findPartnerByName, getPartner, partnerSettings } from './partners'
import type { Scope } from './scope'
import type { Store } from './store'
import { pageUrl } from './verifications'

// GET /docs/terms: the terms and conditions end-users must accept (their version goes into the
// consumer's lastTermsAccepted). The simulator publishes one version per partner (setting termsVersion).

export type TermsType = 'CONSUMER' | 'CORPORATE'
export type TermsLanguage = 'EN' | 'FR'

export interface TermsAndConditions {
  version: string
  type: TermsType
  downloadUrl: string
  language: TermsLanguage
}

/** Path of the simulator page serving a terms document. */
export const termsPath = (version: string, type: TermsType, language: TermsLanguage): string =>
  `/pages/terms/${encodeURIComponent(version)}?type=${type}&language=${language}`

/**
 * The current terms of the caller's partner. Anonymous callers (the operation allows them) get the
 * partner named by `partnerName` when given, else the default version.
 */
export function getTermsAndConditions(
  store: Store,
  scope: Scope,
  query: { type: TermsType; language: TermsLanguage; partnerName?: string },
  origin: string,
): TermsAndConditions {
  // SIM: LinkCy's terms are its own; the simulator lets each partner's scenario pick the current version.
  const partner = scope.principal ? getPartner(store, scope.partnerId) : query.partnerName ? findPartnerByName(store, query.partnerName) : undefined
  const version = partner ? partnerSettings(partner).termsVersion : DEFAULT_PARTNER_SETTINGS.termsVersion
  return { version, type: query.type, downloadUrl: pageUrl(origin, termsPath(version, query.type, query.language)), language: query.language }
}
