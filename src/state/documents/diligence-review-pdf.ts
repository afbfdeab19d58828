import type { StoredAddress } from '../addresses'
import { isoDate } from '../transfers-calendar'
import { addressLines, field, heading, newPdf, pdfBytes } from './pdf'

// The diligence review LinkCy prepares on a corporate for its KYB: the company, every related person
// and entity with its positions and KYC, the shareholding structure layer by layer, and the UBOs.

export interface DiligencePerson {
  name: string
  kind: 'PHYSICAL_PERSON' | 'CORPORATE'
  positions: string[]
  totalSharesPercentage: number
  /** "VALIDATED (FULL_KYC)"; entities have none. */
  kyc?: string
  details: string[]
}

export interface DiligenceShare {
  holder: string
  owned: string
  layer: number
  directPercentage: number
  finalPercentage: number
}

export interface DiligenceReviewData {
  issuedAt: number
  partnerName: string
  corporate: { registeredName: string; tradeName?: string | null; incorporation: string; legalType?: string; incorporationDate?: string; address?: StoredAddress | null; kybStatus: string }
  uboThreshold: number
  persons: DiligencePerson[]
  shares: DiligenceShare[]
  ubos: string[]
}

const pct = (n: number): string => `${Number(n.toFixed(4))}%`

/** Renders the diligence review PDF. */
export function renderDiligenceReview(data: DiligenceReviewData): Promise<Buffer> {
  const doc = newPdf('Diligence review', data.issuedAt)
  doc.font('Helvetica-Bold').fontSize(18).text('Diligence review')
  doc.font('Helvetica').fontSize(9).fillColor('#555555').text(`Issued ${isoDate(data.issuedAt)} for ${data.partnerName}`).fillColor('black')

  const c = data.corporate
  heading(doc, 'Corporate')
  field(doc, 'Registered name', c.registeredName)
  if (c.tradeName) field(doc, 'Trade name', c.tradeName)
  field(doc, 'Incorporation', c.incorporation)
  field(doc, 'Legal type', c.legalType ?? 'not declared')
  field(doc, 'Incorporation date', c.incorporationDate ?? 'not declared')
  for (const line of addressLines(c.address)) doc.font('Helvetica').fontSize(10).text(line)
  field(doc, 'KYB status', c.kybStatus)
  field(doc, 'UBO threshold', `${data.uboThreshold}% of shares`)

  heading(doc, 'Related persons and entities')
  if (data.persons.length === 0) doc.font('Helvetica').fontSize(10).text('None declared.')
  for (const p of data.persons) {
    doc.font('Helvetica-Bold').fontSize(10).text(`${p.name} (${p.kind === 'CORPORATE' ? 'legal entity' : 'physical person'})`)
    doc.font('Helvetica').fontSize(10).text(`Positions: ${p.positions.length > 0 ? p.positions.join(', ') : 'shareholder'}`)
    doc.text(`Total shares: ${pct(p.totalSharesPercentage)}`)
    if (p.kyc) doc.text(`KYC: ${p.kyc}`)
    for (const d of p.details) doc.text(d)
    doc.moveDown(0.4)
  }

  heading(doc, 'Shareholding structure')
  if (data.shares.length === 0) doc.font('Helvetica').fontSize(10).text('No share declared.')
  for (const s of data.shares) {
    doc.font('Helvetica').fontSize(10)
      .text(`Layer ${s.layer}: ${s.holder} holds ${pct(s.directPercentage)} of ${s.owned} (final ${pct(s.finalPercentage)} of ${c.registeredName})`)
  }

  heading(doc, 'Ultimate beneficial owners')
  doc.font('Helvetica').fontSize(10).text(data.ubos.length > 0 ? data.ubos.join(', ') : 'No UBO identified.')

  doc.moveDown(2).font('Helvetica-Oblique').fontSize(8).fillColor('#777777')
    .text('Simulated document issued by linkcy-sim from the data declared through the API. It is not a compliance assessment.')
  return pdfBytes(doc)
}
