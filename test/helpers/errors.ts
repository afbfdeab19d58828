import { expect } from 'vitest'
import { errorBody } from './app'

// Exact assertions of LinkCy's error bodies, shared by every route test.

/** LinkCy's `error` kind of each error status. */
export const ERROR_KINDS = {
  400: 'linkcy.bad.request',
  401: 'linkcy.unauthorized',
  403: 'linkcy.forbidden',
  404: 'linkcy.not.found',
  409: 'linkcy.conflict',
} as const

export type ErrorStatus = keyof typeof ERROR_KINDS

/**
 * Asserts LinkCy's exact business error body and returns it: 401/403/404/409
 * `{errorCode, message, error, status, timestamp}`, 400 `{details:[{field, rejectedValue, message}],
 * errorCode, error, status, timestamp}` (detail members not given may be any string).
 */
export async function expectError(
  res: Response,
  status: ErrorStatus,
  errorCode: string,
  message: string,
  detail?: { field?: string; rejectedValue?: string },
): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status)
  const body = await errorBody(res)
  const { timestamp: _t, ...rest } = body
  if (status === 400) {
    const field = detail?.field ?? expect.any(String)
    const rejectedValue = detail?.rejectedValue ?? expect.any(String)
    expect(rest).toEqual({ details: [{ field, rejectedValue, message }], errorCode, error: ERROR_KINDS[400], status })
  } else {
    expect(rest).toEqual({ errorCode, message, error: ERROR_KINDS[status], status })
  }
  return body
}

/** Asserts a LinkCy business 400 (errorCode and its one detail: field, message) and returns the body. */
export function expectBusiness400(res: Response, errorCode: string, field: string, message: string): Promise<Record<string, unknown>> {
  return expectError(res, 400, errorCode, message, { field })
}
