import { corporateById, getCorporate } from '../corporates'
import { relatedName } from '../corporate-related'
import { isUbo, kycTypeOf, ownershipGraph, totalSharesOf, uboThreshold } from '../kyb-graph'
import { getPartner } from '../partners'
import type { Scope } from '../scope'
import type { Store } from '../store'
import { renderDiligenceReview, type DiligencePerson } from './diligence-review-pdf'
import { issueFileLink, type FileLinkRow } from './file-links'

// GET /documents/diligence-review/{corporateId}: LinkCy's diligence review of a corporate, a PDF
// behind a time-limited link (state/documents/file-links.ts), rendered from the KYB data.

/** GET /documents/diligence-review/{corporateId} (Kyb_getDiligenceReview): {url, ttl} of the review. CORPORATE_NOT_FOUND. */
export function diligenceReviewLink(store: Store, scope: Scope, corporateId: string, origin: string): { url: string; ttl: string } {
  const corporate = getCorporate(store, scope, corporateId)
  return issueFileLink(store, origin, { partnerId: corporate.partnerId, kind: 'DILIGENCE_REVIEW', subjectId: corporate.id })
}

/** The PDF behind a diligence review link, issued at the link's creation from the corporate's data as it is; undefined once the corporate is gone. */
export async function renderDiligenceReviewLink(store: Store, link: FileLinkRow): Promise<Buffer | undefined> {
  const corporate = corporateById(store, link.subjectId)
  if (!corporate) return undefined
  const partner = getPartner(store, corporate.partnerId)
  const graph = ownershipGraph(store, corporate.id)
  const nameOf = (id: string | null) => (id ? relatedName(graph.related.find((r) => r.id === id)!) : corporate.registeredName)
  const persons: DiligencePerson[] = graph.related.map((r) => {
    const positions = [
      r.isAccountOwner ? 'account owner' : '', r.isDirector ? `director${r.directorAppointmentDate ? ` since ${r.directorAppointmentDate}` : ''}` : '',
      isUbo(graph, corporate, r) ? (r.isSpecialUbo ? 'UBO (special)' : 'UBO') : '',
    ].filter(Boolean)
    const details = r.kind === 'CORPORATE'
      ? [`Incorporation: ${r.incorporationCode} (${r.incorporationCountry})`]
      : [r.profile.nationalityCode ? `Nationality: ${r.profile.nationalityCode}` : '', r.profile.birthDate ? `Born ${r.profile.birthDate}` : ''].filter(Boolean)
    return {
      name: relatedName(r), kind: r.kind, positions, totalSharesPercentage: totalSharesOf(graph, r.id), details,
      kyc: r.kind === 'PHYSICAL_PERSON' ? `${r.kycStatus ?? 'NOT_STARTED'} (${kycTypeOf(graph, corporate, r)})` : undefined,
    }
  })
  return renderDiligenceReview({
    issuedAt: link.createdAt,
    partnerName: partner.displayName ?? partner.name,
    corporate: {
      registeredName: corporate.registeredName, tradeName: corporate.tradeName, incorporation: `${corporate.incorporationCode} (${corporate.incorporationCountry})`,
      legalType: corporate.profile.legalType, incorporationDate: corporate.profile.incorporationDate, address: corporate.profile.registeredAddress, kybStatus: corporate.kybStatus,
    },
    uboThreshold: uboThreshold(corporate),
    persons,
    shares: [...graph.shares].sort((a, b) => a.layer - b.layer).map((s) => ({
      holder: nameOf(s.holderId), owned: nameOf(s.ownedRelatedId), layer: s.layer, directPercentage: s.percentage, finalPercentage: s.finalPercentage,
    })),
    ubos: graph.related.filter((r) => isUbo(graph, corporate, r)).map(relatedName),
  })
}
