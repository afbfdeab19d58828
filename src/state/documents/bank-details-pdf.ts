import type { StoredAddress } from '../addresses'
import { formatIban } from '../iban'
import { isoDate } from '../transfers-calendar'
import { addressLines, field, heading, newPdf, pdfBytes } from './pdf'

// The bank details document (RIB): who holds the account, its IBAN grouped by four, the BIC, the
// bank, and the national parts: for a French IBAN bank, branch, account number and RIB key; for a
// British account the sort code and account number UK payers need (Faster Payments, Bacs).

export interface BankDetailsData {
  issuedAt: number
  holderName: string
  holderAddress?: StoredAddress | null
  iban: string
  bic: string
  bankName: string
  partnerName: string
  partnerAddress?: StoredAddress | null
  currency: string
  /** A British account's sort code (6 digits) and account number (8 digits). */
  sortCode?: string | null
  accountNumber?: string | null
}

/** Renders the bank details PDF. */
export function renderBankDetails(data: BankDetailsData): Promise<Buffer> {
  const doc = newPdf('Bank account details', data.issuedAt)
  doc.font('Helvetica-Bold').fontSize(18).text('Bank account details')
  doc.font('Helvetica').fontSize(9).fillColor('#555555').text(`Relevé d'identité bancaire - issued ${isoDate(data.issuedAt)}`).fillColor('black')

  heading(doc, 'Account holder')
  doc.font('Helvetica').fontSize(10).text(data.holderName)
  for (const line of addressLines(data.holderAddress)) doc.text(line)

  heading(doc, 'Account')
  field(doc, 'IBAN', formatIban(data.iban))
  field(doc, 'BIC', data.bic)
  field(doc, 'Currency', data.currency)
  if (data.iban.startsWith('FR') && data.iban.length === 27) {
    const bban = data.iban.slice(4)
    field(doc, 'Bank code', bban.slice(0, 5))
    field(doc, 'Branch code', bban.slice(5, 10))
    field(doc, 'Account number', bban.slice(10, 21))
    field(doc, 'RIB key', bban.slice(21, 23))
  }
  if (data.sortCode && data.accountNumber) {
    field(doc, 'Sort code', data.sortCode.replace(/^(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3'))
    field(doc, 'Account number', data.accountNumber)
  }

  heading(doc, 'Account servicing')
  doc.font('Helvetica').fontSize(10).text(`${data.bankName}, on behalf of ${data.partnerName}`)
  for (const line of addressLines(data.partnerAddress)) doc.text(line)

  doc.moveDown(2).font('Helvetica-Oblique').fontSize(8).fillColor('#777777')
    .text('Simulated document issued by linkcy-sim. It is not a real bank account and must not be used for real payments.')
  return pdfBytes(doc)
}
