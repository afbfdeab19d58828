import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { qrCodePng } from '../../src/state/sca-qr'
import { bodyOf, makeScaWorld } from '../helpers/sca-world'

// The QR code of POST /api/partner/sca/qr-codes is a real QR symbol: a QR reader finds the join code in it.

/** Decodes the PNG (pngjs checks signature, chunk CRCs and zlib data) and reads the QR code in it. */
function scan(png: Buffer): { text: string; width: number; height: number } {
  const image = PNG.sync.read(png)
  const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)
  expect(found).not.toBeNull()
  return { text: found!.data, width: image.width, height: image.height }
}

describe('QR code of POST /api/partner/sca/qr-codes', () => {
  it('is a scannable PNG whose content is the join code, and the phone joins with what it reads', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const res = await w.call('POST', '/api/partner/sca/qr-codes', { token, body: { endUserId: w.ids.bob } })
    expect(res.status).toBe(201)
    const qr = await bodyOf(res)
    const png = Buffer.from(String(qr.qrCode), 'base64')
    expect(png.toString('base64')).toBe(qr.qrCode) // plain base64, no data: prefix
    const { text, width, height } = scan(png)
    expect(text).toBe(qr.joinCode)
    expect(width).toBe(height)
    const joined = await bodyOf(await w.call('POST', '/_sim/sca/join', { body: { joinCode: text, endpointId: 'scanned-phone' } }))
    expect(joined).toMatchObject({ type: 'ENROLMENT', device: { id: qr.id, endpointId: 'scanned-phone', status: 'ACTIVE' } })
  })

  it('is deterministic: the same join code gives the same PNG bytes, another gives another QR code', () => {
    const code = '7d3c2a4e-9b1f-4c8e-a2d5-0f6b8e1c3a97'
    expect(qrCodePng(code).equals(qrCodePng(code))).toBe(true)
    expect(scan(qrCodePng(code)).text).toBe(code)
    const other = '00000000-0000-4000-8000-000000000000'
    expect(qrCodePng(other).equals(qrCodePng(code))).toBe(false)
    expect(scan(qrCodePng(other)).text).toBe(other)
  })

  it('has the three finder patterns, inside a 4-module white quiet zone', () => {
    const image = PNG.sync.read(qrCodePng('7d3c2a4e-9b1f-4c8e-a2d5-0f6b8e1c3a97'))
    const scale = 6
    const modules = image.width / scale - 8
    expect(modules).toBe(29) // version 3: a 36-character join code at error correction M
    const dark = (x: number, y: number) => image.data[((y + 4) * scale * image.width + (x + 4) * scale) * 4] === 0
    const finder = (ox: number, oy: number) => {
      for (let y = 0; y < 7; y++) {
        for (let x = 0; x < 7; x++) expect(dark(ox + x, oy + y)).toBe(Math.min(x, y, 6 - x, 6 - y) !== 1)
      }
    }
    finder(0, 0)
    finder(modules - 7, 0)
    finder(0, modules - 7)
    for (let i = -4; i < modules + 4; i++) expect([dark(i, -1), dark(-1, i), dark(i, modules), dark(modules, i)]).toEqual([false, false, false, false])
  })

  it('shows a pending QR-code enrolment on the simulated phone page', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const qr = await bodyOf(await w.call('POST', '/api/partner/sca/qr-codes', { token, body: { endUserId: w.ids.bob } }))
    const page = await (await w.call('GET', `/pages/phone/${w.ids.bob}`)).text()
    expect(page).toContain(`src="data:image/png;base64,${String(qr.qrCode)}"`)
    await w.call('POST', '/_sim/sca/join', { body: { joinCode: qr.joinCode, endpointId: 'scanned-phone' } })
    expect(await (await w.call('GET', `/pages/phone/${w.ids.bob}`)).text()).not.toContain('<img')
  })
})
