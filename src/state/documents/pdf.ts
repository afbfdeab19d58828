import PDFDocument from 'pdfkit'
import type { StoredAddress } from '../addresses'

// PDF rendering shared by the ledger documents: pdfkit with its standard (embedded) Helvetica fonts,
// uncompressed streams (tests and curious developers can read the text) and the document's issue
// time as CreationDate, so the same world renders byte-identical files (pdfkit derives the file ID
// from the info dictionary: no randomness left).

export type Pdf = PDFKit.PDFDocument

/** A new A4 document issued at `issuedAt` (epoch ms on the simulator clock). */
export function newPdf(title: string, issuedAt: number): Pdf {
  return new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: false,
    info: { Title: title, Author: 'LinkCy (simulated)', Producer: 'linkcy-sim', Creator: 'linkcy-sim', CreationDate: new Date(issuedAt) },
  })
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}

/** An address as printed lines (street line, postal code and city, country). */
export function addressLines(address: StoredAddress | null | undefined): string[] {
  if (!address) return []
  const street = [address.number, address.street].filter(Boolean).join(' ')
  return [street, address.refinement, [address.postalCode, address.city].filter(Boolean).join(' '), address.stateOrProvince, address.isoCountryCode]
    .filter((l): l is string => typeof l === 'string' && l.length > 0)
}

/** A label and its value on one line (label in bold). */
export function field(doc: Pdf, label: string, value: string): void {
  doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, { continued: true }).font('Helvetica').text(value)
}

/** A section title. */
export function heading(doc: Pdf, text: string): void {
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).moveDown(0.3)
}

/** An amount with two decimals and its currency ("1 234.50 EUR"); cents in, never floats summed. */
export function formatAmount(cents: number, currency: string): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
  return `${sign}${units}.${String(abs % 100).padStart(2, '0')} ${currency}`
}
