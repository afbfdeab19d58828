import type { StoredAddress } from '../addresses'
import { formatIban } from '../iban'
import { isoDate } from '../transfers-calendar'
import { addressLines, field, formatAmount, heading, newPdf, pdfBytes, type Pdf } from './pdf'

// The account statement: the holder, the account, the period, the opening balance, every booked
// movement of the period (date, label, debit or credit) and the closing balance.

export interface StatementLine {
  date: number
  label: string
  /** Positive for money in, negative for money out. */
  cents: number
}

export interface StatementData {
  issuedAt: number
  holderName: string
  holderAddress?: StoredAddress | null
  partnerName: string
  ledgerName: string
  iban?: string
  bic?: string
  currency: string
  startDate: string
  endDate: string
  openingCents: number
  closingCents: number
  lines: StatementLine[]
}

const COLS = { date: 50, label: 125, debit: 370, credit: 460 } as const

function row(doc: Pdf, date: string, label: string, debit: string, credit: string, bold = false): void {
  const y = doc.y
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9)
  doc.text(date, COLS.date, y, { width: 70 })
  doc.text(label, COLS.label, y, { width: 240 })
  const after = doc.y
  doc.text(debit, COLS.debit, y, { width: 85, align: 'right' })
  doc.text(credit, COLS.credit, y, { width: 85, align: 'right' })
  doc.x = COLS.date
  doc.y = Math.max(after, doc.y) + 2
}

/** Renders the statement PDF. */
export function renderStatement(data: StatementData): Promise<Buffer> {
  const doc = newPdf('Account statement', data.issuedAt)
  doc.font('Helvetica-Bold').fontSize(18).text('Account statement')
  doc.font('Helvetica').fontSize(10).text(`Period: ${data.startDate} to ${data.endDate}`)

  heading(doc, 'Account holder')
  doc.font('Helvetica').fontSize(10).text(data.holderName)
  for (const line of addressLines(data.holderAddress)) doc.text(line)

  heading(doc, 'Account')
  field(doc, 'Ledger', data.ledgerName)
  if (data.iban) field(doc, 'IBAN', formatIban(data.iban))
  if (data.bic) field(doc, 'BIC', data.bic)
  field(doc, 'Provided by', data.partnerName)

  heading(doc, 'Movements')
  row(doc, 'Date', 'Label', 'Debit', 'Credit', true)
  row(doc, data.startDate, 'Opening balance', '', formatAmount(data.openingCents, data.currency), true)
  for (const line of data.lines) {
    const amount = formatAmount(Math.abs(line.cents), data.currency)
    row(doc, isoDate(line.date), line.label, line.cents < 0 ? amount : '', line.cents >= 0 ? amount : '')
  }
  row(doc, data.endDate, 'Closing balance', '', formatAmount(data.closingCents, data.currency), true)
  if (data.lines.length === 0) doc.moveDown().font('Helvetica-Oblique').fontSize(9).text('No movement in this period.')

  doc.moveDown(2).font('Helvetica-Oblique').fontSize(8).fillColor('#777777')
    .text('Simulated document issued by linkcy-sim.', COLS.date)
  return pdfBytes(doc)
}
