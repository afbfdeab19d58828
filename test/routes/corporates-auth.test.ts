import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { corporates } from '../../src/state/db/schema'
import { jwtClaims, makeWorld } from '../helpers/app'
import { CORPORATES, corporateRow, corporateToken, createCorporate, loginAccountOwner, setKyb } from '../helpers/corporates'
import { expectError } from '../helpers/errors'
import { insufficientRights } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// A corporate end-user: its account owner logs in with accountOwnerPhone, initialises and changes
// its password, is refused when forbidden, enrols an SCA device and may be suspended.

const LOGIN = '/api/partner/login'
const CHANGE = '/api/partner/passwords/change'

async function json<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300)
  return (await res.json()) as T
}

describe('account owner login', () => {
  it('sandbox reset → change → login with accountOwnerPhone: a CORPORATE token whose endUserId is the corporate', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const corp = await createCorporate(w, {}, token)
    const { passwordChangeSecret } = await json<{ passwordChangeSecret: string }>(
      await w.call('POST', '/api/partner/passwords/reset/sandbox', { token, body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits } }),
    )
    const changed = await json<{ token: string; endUserId: string }>(await w.call('POST', CHANGE, { body: { passwordChangeSecret, newPassword: 'Owner-Secret-1' } }))
    expect(changed.endUserId).toBe(corp.corporateId)

    const res = await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits, password: 'Owner-Secret-1' } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: string; refreshToken: string; endUserId: string }
    expect(referenceErrors('POST', LOGIN, 200, body)).toEqual([])
    expect(body.endUserId).toBe(corp.corporateId)
    expect(jwtClaims(body.token)).toMatchObject({ sub: corp.corporateId, kind: 'CORPORATE' })
    // The token reads the corporate; the consumer login variant does not find it.
    expect((await w.call('GET', `${CORPORATES}/${corp.corporateId}`, { token: body.token })).status).toBe(200)
    expect((await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', consumerPhone: corp.phoneDigits, password: 'Owner-Secret-1' } })).status).toBe(401)
    expect((await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits, password: 'wrong' } })).status).toBe(401)
    // Change with the current password (AccountOwnerPasswordChangeWithPasswordRequest).
    const rotated = await json<{ endUserId: string }>(await w.call('POST', CHANGE, {
      body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits, currentPassword: 'Owner-Secret-1', newPassword: 'Owner-Secret-2' },
    }))
    expect(rotated.endUserId).toBe(corp.corporateId)
    await loginAccountOwner(w, corp.phoneDigits, 'Owner-Secret-2')
  })

  it('POST /passwords/reset sends the secret by SMS with the partner’s corporateOtpMessage', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const corp = await createCorporate(w, {}, token)
    expect((await w.call('PATCH', '/api/partner', { token, body: { consumerOtpMessage: 'Retail code: $otp', corporateOtpMessage: 'Business code: $otp' } })).status).toBe(200)
    const reset = await w.call('POST', '/api/partner/passwords/reset', { body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits } })
    expect(reset.status).toBe(204)
    const outbox = await json<{ content: { recipient: string; personId: string; text: string; secret: string }[] }>(await w.call('GET', `/_sim/outbox?personId=${corp.corporateId}`))
    const sms = outbox.content[0]!
    expect(sms).toMatchObject({ recipient: `+${corp.phoneDigits}`, personId: corp.corporateId, text: `Business code: ${sms.secret}` })
    expect((await w.call('POST', CHANGE, { body: { passwordChangeSecret: sms.secret, newPassword: 'From-Sms-1' } })).status).toBe(200)
  })

  it('403 END_USER_FORBIDDEN for a corporate LinkCy has forbidden', async () => {
    const w = makeWorld()
    const corp = await createCorporate(w)
    const token = await corporateToken(w, corp)
    expect(token).toBeTruthy()
    w.store.db.update(corporates).set({ linkcyStatus: 'FORBIDDEN' }).where(eq(corporates.id, corp.corporateId)).run()
    const res = await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits, password: 'Owner-Password-1' } })
    await expectError(res, 403, 'END_USER_FORBIDDEN', `End-user with id ${corp.corporateId} is forbidden.`)
  })
})

describe('a corporate end-user with SCA and suspensions', () => {
  it('enrols its own SCA device; GET /corporates/{id} shows it as strongAuthentication', async () => {
    const w = makeWorld()
    const corp = await createCorporate(w)
    const token = await corporateToken(w, corp)
    const res = await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'owner-phone' } })
    expect(res.status, await res.clone().text()).toBe(201)
    const device = (await res.json()) as { id: string }
    const info = await json<Record<string, any>>(await w.call('GET', `${CORPORATES}/${corp.corporateId}`, { token }))
    expect(referenceErrors('GET', `${CORPORATES}/{corporateId}`, 200, info)).toEqual([])
    expect(info.strongAuthentication).toMatchObject({ id: device.id, endpointId: 'owner-phone', creationDate: '2026-01-15T10:00:00.000Z' })
  })

  it('a partner suspends a corporate: it shows SUSPENDED and can no longer bank; lifting restores it', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const corp = await createCorporate(w, {}, partner)
    setKyb(w, corp.corporateId, 'VALIDATED')
    const path = `/api/partner/end-users/${corp.corporateId}/suspensions`
    expect((await w.call('POST', path, { token: partner, body: { reason: 'Chargebacks' } })).status).toBe(204)
    expect(corporateRow(w, corp.corporateId)).toMatchObject({ suspensionStatus: 'SUSPENDED', statusReasons: { suspension: 'Chargebacks' } })
    const shown = await json<Record<string, any>>(await w.call('GET', `${CORPORATES}/${corp.corporateId}`, { token: partner }))
    expect(shown.status).toMatchObject({ suspension: { value: 'SUSPENDED', reason: 'Chargebacks' }, overall: { value: 'INACTIVE' } })
    const ledger = await w.call('POST', '/api/partner/ledgers', { token: partner, body: { endUserId: corp.corporateId, type: 'EUR_FRANCE' } })
    await expectError(ledger, 409, 'END_USER_MUST_NOT_BE_SUSPENDED', `End-user (with id ${corp.corporateId}) must not be suspended to do this operation.`)
    const own = await corporateToken(w, corp)
    await expectError(await w.call('DELETE', `${path}/PARTNER`, { token: own }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CORPORATE'))
    expect((await w.call('DELETE', `${path}/PARTNER`, { token: partner })).status).toBe(204)
    expect(corporateRow(w, corp.corporateId)).toMatchObject({ suspensionStatus: 'NOT_SUSPENDED', statusReasons: {} })
  })
})
