import { describe, expect, it } from 'vitest'
import {
  canonicalBody, canonicalQuery, computeSignature, makeNonce, nonceInstant, parsePowerAuthHeader, requestHash, sameSignature,
  signatureHeader, signedData,
} from '../../src/state/sca-signature'
import { effectiveStatus, type ScaInteractionRow } from '../../src/state/sca-challenges'
import { DEFAULT_SCA_POLICY, scaAppliesTo } from '../../src/state/sca-policy'

const DEVICE = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
const input = { secret: 'k', method: 'post', path: '/api/partner/cards', nonce: makeNonce(1_700_000_000_000, Buffer.alloc(8, 7)), data: '{"a":1}', signatureType: 'possession_biometry' }

describe('PowerAuth-style signatures', () => {
  it('round-trips the header and carries the signing instant in the nonce', () => {
    const header = signatureHeader({ ...input, deviceId: DEVICE, applicationKey: 'QUJDRA==' })
    const parsed = parsePowerAuthHeader(header)!
    expect(parsed).toMatchObject({ version: '3.1', activationId: DEVICE, applicationKey: 'QUJDRA==', signatureType: 'possession_biometry' })
    expect(nonceInstant(parsed.nonce)).toBe(1_700_000_000_000)
    expect(sameSignature(parsed.signature, computeSignature(input))).toBe(true)
  })

  it('binds method, path, data, nonce, factor and key', () => {
    const base = computeSignature(input)
    for (const change of [{ method: 'PUT' }, { path: '/api/partner/cards/x' }, { data: '{"a":2}' }, { secret: 'other' }, { signatureType: 'possession_knowledge' },
      { nonce: makeNonce(1_700_000_000_001, Buffer.alloc(8, 7)) }]) {
      expect(sameSignature(base, computeSignature({ ...input, ...change }))).toBe(false)
    }
    expect(computeSignature({ ...input, method: 'POST' })).toBe(base)
  })

  it('rejects malformed headers', () => {
    const good = signatureHeader({ ...input, deviceId: DEVICE, applicationKey: 'QUJDRA==' })
    for (const bad of [
      '', 'Bearer x', good.replace('PowerAuth ', 'PowerAuth'), good.replace('pa_version="3.1"', 'pa_version="2.0"'),
      good.replace(DEVICE, 'device-1'), good.replace('possession_biometry', 'possession'), good.replace(/pa_nonce="[^"]*"/, 'pa_nonce="AAAA"'),
      good.replace(/, pa_signature="[^"]*"/, ''),
    ]) expect(parsePowerAuthHeader(bad)).toBeNull()
  })
})

describe('request binding', () => {
  it('canonicalises JSON bodies (key order, whitespace) and query strings', () => {
    expect(canonicalBody('{ "b": 1, "a": {"d": [2, {"f": 1, "e": 0}], "c": null} }')).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}')
    expect(canonicalBody('not json')).toBe('not json')
    expect(canonicalBody('  ')).toBe('')
    expect(canonicalQuery('?b=2&a=z&a=y')).toBe('a=y&a=z&b=2')
    expect(requestHash('', '{"a":1,"b":2}')).toBe(requestHash('', '{ "b":2, "a":1 }'))
    expect(requestHash('', '{"a":1}')).not.toBe(requestHash('', '{"a":2}'))
    expect(requestHash('?x=1', '')).not.toBe(requestHash('', ''))
    expect(signedData('GET', '?b=1&a=2', 'ignored')).toBe('a=2&b=1')
    expect(signedData('POST', '?b=1', '{"z":1, "y":2}')).toBe('{"y":2,"z":1}')
  })
})

describe('interaction status over time', () => {
  const row = (over: Partial<ScaInteractionRow>): ScaInteractionRow => ({
    id: 'i', partnerId: 'p', endUserId: 'u', deviceId: 'd', operation: 'LOGIN', strategy: 'PUSH_NOTIFICATION', factor: 'BIOMETRY', method: 'POST',
    path: '/', bodyHash: 'h', joinCode: null, nonce: null, status: 'PENDING', autoApproveAt: null, expiresAt: 1000, createdAt: 0,
    joinedAt: null, decidedAt: null, consumedAt: null, ...over,
  })
  it('expires open interactions at their TTL and auto-approves before it', () => {
    expect(effectiveStatus(row({}), 999)).toBe('PENDING')
    expect(effectiveStatus(row({}), 1000)).toBe('EXPIRED')
    expect(effectiveStatus(row({ status: 'APPROVED' }), 1000)).toBe('EXPIRED')
    expect(effectiveStatus(row({ status: 'CONSUMED' }), 5000)).toBe('CONSUMED')
    expect(effectiveStatus(row({ status: 'DECLINED' }), 5000)).toBe('DECLINED')
    expect(effectiveStatus(row({ autoApproveAt: 10 }), 9)).toBe('PENDING')
    expect(effectiveStatus(row({ autoApproveAt: 10 }), 10)).toBe('APPROVED')
    expect(effectiveStatus(row({ autoApproveAt: 2000 }), 1500)).toBe('EXPIRED')
  })

  it('the default policy requires SCA for both kinds of caller', () => {
    expect(scaAppliesTo(DEFAULT_SCA_POLICY, 'PARTNER')).toBe(true)
    expect(scaAppliesTo(DEFAULT_SCA_POLICY, 'END_USER')).toBe(true)
    expect(scaAppliesTo({ ...DEFAULT_SCA_POLICY, requiredFor: 'PARTNER' }, 'END_USER')).toBe(false)
  })
})
