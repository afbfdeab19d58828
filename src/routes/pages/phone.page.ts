import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { SimError } from '../../state/errors'
import { decideInteraction, listInteractions } from '../../state/sca-challenges'
import { devicesOfEndUser } from '../../state/sca-devices'
import { qrCodePng } from '../../state/sca-qr'
import { tx } from '../../state/store'
import { escapeHtml, htmlPage } from './page-html'

// The simulated phone of an end-user, for a person: its SCA devices and the challenges waiting for
// it, with Approve / Decline buttons. /_sim/sca is the same for programs.
export const phonePages = new Hono<AppEnv>()

const TITLE = 'SCA phone'

phonePages.get('/phone/:endUserId', (c) => {
  const store = c.var.store
  const endUserId = c.req.param('endUserId')
  const pending = tx(store, () => listInteractions(store, { endUserId, status: 'PENDING' }))
  const devices = devicesOfEndUser(store, endUserId)
  const deviceList = devices.length === 0
    ? '<p>No SCA device is enrolled for this end-user.</p>'
    : `<ul>${devices.map((d) => `<li>${escapeHtml(d.endpointId)}: ${d.status} (biometry ${d.biometryStatus}, PIN ${d.pinStatus})${qrOf(d, store.clock.nowMs())}</li>`).join('')}</ul>`
  const challenges = pending.length === 0
    ? '<p>Nothing to approve.</p>'
    : pending.map((i) => {
        const base = `/pages/phone/${encodeURIComponent(endUserId)}/interactions/${i.id}`
        return `<section><p><strong>${escapeHtml(i.operation)}</strong> ${escapeHtml(i.method)} ${escapeHtml(i.path)}<br>` +
          `<span class="muted">${escapeHtml(i.factor ?? '')} · expires ${new Date(i.expiresAt).toISOString()}</span></p>` +
          `<form method="post" action="${escapeHtml(base)}/approve" style="display:inline"><button type="submit">Approve</button></form> ` +
          `<form method="post" action="${escapeHtml(base)}/decline" style="display:inline"><button type="submit">Decline</button></form></section>`
      }).join('')
  return c.html(htmlPage(TITLE, `<h2>Devices</h2>${deviceList}<h2>Waiting for you</h2>${challenges}`))
})

/** A pending, unexpired QR-code enrolment shows its QR code (the one POST /sca/qr-codes answered) and join code. */
function qrOf(d: { origin: string; status: string; joinCode: string | null; joinCodeExpiresAt: number | null }, now: number): string {
  if (d.origin !== 'QR_CODE' || d.status !== 'PENDING_ACTIVATION' || !d.joinCode || (d.joinCodeExpiresAt ?? 0) <= now) return ''
  return `<br><img alt="QR code of join code ${escapeHtml(d.joinCode)}" src="data:image/png;base64,${qrCodePng(d.joinCode).toString('base64')}">` +
    `<br><span class="muted">join code ${escapeHtml(d.joinCode)}</span>`
}

for (const decision of ['approve', 'decline'] as const) {
  phonePages.post(`/phone/:endUserId/interactions/:scaId/${decision}`, (c) => {
    const store = c.var.store
    const endUserId = c.req.param('endUserId')
    try {
      tx(store, () => {
        const pending = listInteractions(store, { endUserId }).find((i) => i.id === c.req.param('scaId'))
        if (!pending) throw new SimError('SCA_INTERACTION_NOT_FOUND')
        decideInteraction(store, pending.id, decision === 'approve' ? 'APPROVE' : 'DECLINE')
      })
    } catch (error) {
      if (!(error instanceof SimError)) throw error
      return c.html(htmlPage(TITLE, `<p>${escapeHtml(error.message)}</p><p><a href="/pages/phone/${encodeURIComponent(endUserId)}">Back</a></p>`), error.status as 404)
    }
    return c.redirect(`/pages/phone/${encodeURIComponent(endUserId)}`, 303)
  })
}
