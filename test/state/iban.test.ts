import { describe, expect, it } from 'vitest'
import { buildIban, formatIban, ibanProblem, isBic } from '../../src/state/iban'

describe('iban', () => {
  it('accepts real-world valid IBANs and refuses broken ones with the reason', () => {
    expect(ibanProblem('FR76 3000 6000 0112 3456 7890 189')).toBeNull()
    expect(ibanProblem('BE68539007547034')).toBeNull()
    expect(ibanProblem('DE89370400440532013000')).toBeNull()
    expect(ibanProblem('LT121000011101001000')).toBeNull()
    expect(ibanProblem('FR7630006000011234567890188')).toBe('CHECKSUM')
    expect(ibanProblem('FR76300060000112345678901')).toBe('LENGTH')
    expect(ibanProblem('US12345678901234')).toBe('COUNTRY')
    expect(ibanProblem('hello')).toBe('FORMAT')
  })

  it('builds IBANs whose check digits validate', () => {
    const iban = buildIban('FR', '30006000011234567890189')
    expect(iban).toBe('FR7630006000011234567890189')
    expect(formatIban(iban)).toBe('FR76 3000 6000 0112 3456 7890 189')
  })

  it('recognises BICs', () => {
    expect(isBic('BNPAFRPP')).toBe(true)
    expect(isBic('DEUTDEFF500')).toBe(true)
    expect(isBic('BNPA FRPP')).toBe(false)
    expect(isBic('12345678')).toBe(false)
  })
})
