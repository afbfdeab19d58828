import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER } from '../helpers/app'
import { consumerRow, consumerToken, getConsumer, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { insertBankingConsumer, insufficientRights } from '../helpers/money'

const path = (id: string) => `/api/partner/end-users/${id}/suspensions`

describe('POST/DELETE /api/partner/end-users/{endUserId}/suspensions', () => {
  it('a partner suspends (PARTNER by default): the consumer shows SUSPENDED with the reason and can no longer bank; lifting restores it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    w.store.clock.advance(1000)
    const res = await w.call('POST', path(consumer.id), { token, body: { reason: 'Chargeback fraud' } })
    expect(res.status).toBe(204)
    expect(consumerRow(w, consumer.id)).toMatchObject({ suspensionStatus: 'SUSPENDED', updateDate: Date.parse('2026-01-15T10:00:01Z') })
    const shown = await getConsumer(w, consumer.id, token)
    expect(shown.status).toMatchObject({ suspension: { value: 'SUSPENDED', reason: 'Chargeback fraud' }, overall: { value: 'INACTIVE' } })
    const ledger = await w.call('POST', '/api/partner/ledgers', { token, body: { endUserId: consumer.id, type: 'EUR_FRANCE' } })
    await expectError(ledger, 409, 'END_USER_MUST_NOT_BE_SUSPENDED', `End-user (with id ${consumer.id}) must not be suspended to do this operation.`)
    await expectError(await w.call('POST', path(consumer.id), { token, body: { reason: 'again', operator: 'END_USER' } }), 409, 'END_USER_MUST_NOT_BE_SUSPENDED', `End-user (with id ${consumer.id}) must not be suspended to do this operation.`)

    expect((await w.call('DELETE', `${path(consumer.id)}/END_USER`, { token })).status).toBe(204) // not END_USER's: nothing changes
    expect(consumerRow(w, consumer.id).suspensionStatus).toBe('SUSPENDED')
    expect((await w.call('DELETE', `${path(consumer.id)}/PARTNER`, { token })).status).toBe(204)
    expect(consumerRow(w, consumer.id)).toMatchObject({ suspensionStatus: 'NOT_SUSPENDED', statusReasons: {} })
    expect((await getConsumer(w, consumer.id, token)).status).toMatchObject({ suspension: { value: 'NOT_SUSPENDED' }, overall: { value: 'ACTIVE' } })
  })

  it('403 INSUFFICIENT_RIGHTS for LINKCY, and for an end-user acting as PARTNER; an end-user suspends and lifts itself', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const consumer = insertBankingConsumer(w)
    const token = await consumerToken(w, consumer)
    await expectError(await w.call('POST', path(consumer.id), { token: partner, body: { reason: 'x', operator: 'LINKCY' } }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('PARTNER'))
    await expectError(await w.call('POST', path(consumer.id), { token, body: { reason: 'x', operator: 'PARTNER' } }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    expect((await w.call('POST', path(consumer.id), { token, body: { reason: 'Taking a break' } })).status).toBe(204)
    await expectError(await w.call('DELETE', `${path(consumer.id)}/PARTNER`, { token }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('CONSUMER'))
    await expectError(await w.call('DELETE', `${path(consumer.id)}/LINKCY`, { token: partner }), 403, 'INSUFFICIENT_RIGHTS', insufficientRights('PARTNER'))
    expect((await w.call('DELETE', `${path(consumer.id)}/END_USER`, { token })).status).toBe(204)
    expect(consumerRow(w, consumer.id).suspensionStatus).toBe('NOT_SUSPENDED')
  })

  it('a scenario-suspended end-user counts as suspended by LINKCY: the partner cannot lift it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertBankingConsumer(w, { suspensionStatus: 'SUSPENDED' })
    await expectError(await w.call('POST', path(consumer.id), { token, body: { reason: 'x' } }), 409, 'END_USER_MUST_NOT_BE_SUSPENDED', `End-user (with id ${consumer.id}) must not be suspended to do this operation.`)
    expect((await w.call('DELETE', `${path(consumer.id)}/PARTNER`, { token })).status).toBe(204)
    expect(consumerRow(w, consumer.id).suspensionStatus).toBe('SUSPENDED')
  })

  it('404 END_USER_NOT_FOUND for an unknown id, another partner\'s end-user, or another end-user; 400 on bad input', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const other = insertBankingConsumer(w, { partner: 'other-sandbox' })
    const a = insertBankingConsumer(w)
    const b = insertBankingConsumer(w)
    const own = await consumerToken(w, a)
    for (const [id, caller] of [[MISSING_ID, token], [other.id, token], [a.id, await w.partnerToken(OTHER)], [b.id, own]] as const) {
      await expectError(await w.call('POST', path(id), { token: caller, body: { reason: 'x' } }), 404, 'END_USER_NOT_FOUND', `End-user with id ${id} was not found.`)
    }
    expect((await w.call('POST', path('nope'), { token, body: { reason: 'x' } })).status).toBe(400)
    expect((await w.call('POST', path(a.id), { token, body: { operator: 'PARTNER' } })).status).toBe(400)
    expect((await w.call('POST', path(a.id), { token, body: { reason: 'x', operator: 'BANK' } })).status).toBe(400)
    expect((await w.call('DELETE', `${path(a.id)}/BANK`, { token })).status).toBe(400)
    expect((await w.call('POST', path(a.id), { body: { reason: 'x' } })).status).toBe(401)
    expect(consumerRow(w, a.id).suspensionStatus).toBe('NOT_SUSPENDED')
  })
})
