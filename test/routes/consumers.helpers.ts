import { expect } from 'vitest'
import { seedConsumer } from '../../src/scenarios/seed-consumers'
import { ConsumerSeedSchema } from '../../src/scenarios/schema'
import { tx } from '../../src/state/store'
import { errorBody, type TestWorld } from '../helpers/app'

// Shared steps of the consumer route tests.

export const CONSUMERS = '/api/partner/consumers'
export const MISSING_ID = '00000000-0000-4000-8000-000000000000'

/** Creates a consumer through the API and returns its id (asserting the 201). */
export async function createConsumer(w: TestWorld, body: Record<string, unknown>, token?: string): Promise<string> {
  const res = await w.call('POST', CONSUMERS, { body, token })
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** Seeds a consumer of a default partner directly in state (as a scenario would). */
export function seed(w: TestWorld, fields: Record<string, unknown> = {}, partner: 'sandbox' | 'other-sandbox' = 'sandbox', timeline?: { creationDate: number; updateDate: number }): string {
  const partnerId = w.loaded.partners[partner]!.id
  return tx(w.store, () => seedConsumer(w.store, partnerId, ConsumerSeedSchema.parse(fields), timeline))
}

/** Seeds a consumer who can log in, logs it in, and answers its id and end-user token. */
export async function consumerLogin(w: TestWorld, number: string, password = 'Consumer-Password-1'): Promise<{ id: string; token: string }> {
  const id = seed(w, { phone: { countryCode: '33', number }, password })
  const res = await w.call('POST', '/api/partner/login', { body: { consumerPhone: `33${number}`, partnerName: 'sandbox', password } })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { token: string; endUserId: string }
  expect(body.endUserId).toBe(id)
  return { id, token: body.token }
}

/** GET /consumers/{id} as the given caller, asserting 200. */
export async function getConsumer(w: TestWorld, id: string, token: string): Promise<Record<string, any>> {
  const res = await w.call('GET', `${CONSUMERS}/${id}`, { token })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Record<string, any>
}

/** Asserts a LinkCy business 400 (errorCode + one detail) and returns the body. */
export async function expectBusiness400(res: Response, errorCode: string, field: string, message: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(400)
  const body = await errorBody(res)
  expect(body).toMatchObject({ errorCode, error: 'linkcy.bad.request', status: 400, details: [{ field, message }] })
  return body
}

/** Asserts a LinkCy error with a code (404, 409, 403) and its exact message. */
export async function expectError(res: Response, status: number, errorCode: string, message: string): Promise<void> {
  expect(res.status).toBe(status)
  const kind = { 403: 'linkcy.forbidden', 404: 'linkcy.not.found', 409: 'linkcy.conflict' }[status]
  expect(await errorBody(res)).toMatchObject({ errorCode, message, error: kind, status })
}
