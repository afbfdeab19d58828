import { HTTPException } from 'hono/http-exception'
import type { ZodError } from 'zod'
import { AuthError, SimError, ValidationError, kindOf, type FieldViolation } from '../state/errors'
import { InjectedFault } from '../state/faults'

// The ONLY place LinkCy error bodies are shaped. Everything thrown by routes and state operations
// ends here (app.onError), as does an unknown route (app.notFound).

type Body = Record<string, unknown>

/** Renders any thrown value as LinkCy's error body and status. Unknown errors become a 500 without internals. */
export function renderError(error: unknown, timestamp: string): { status: number; body: Body } {
  if (error instanceof SimError) {
    const base = { errorCode: error.code, error: error.kind, status: error.status, timestamp }
    if (error.status === 400) {
      const details = [{ field: error.field ?? '', rejectedValue: stringify(error.rejectedValue), message: error.message }]
      return { status: 400, body: { details, ...base } }
    }
    return { status: error.status, body: { errorCode: error.code, message: error.message, error: error.kind, status: error.status, timestamp } }
  }
  if (error instanceof ValidationError) return { status: 400, body: validationBody(error.details, timestamp) }
  if (error instanceof AuthError) {
    const kind = error.status === 401 ? 'linkcy.unauthorized' : 'linkcy.forbidden'
    return { status: error.status, body: { message: error.message, error: kind, status: error.status, timestamp } }
  }
  if (error instanceof HTTPException) {
    // Body-parsing failures raised by Hono's validators: malformed JSON (400) and wrong media type (415).
    if (error.status === 400 || error.status === 415) {
      const message = error.status === 415 ? 'Content type not supported, expected application/json' : 'Malformed JSON request'
      return { status: 400, body: validationBody([{ field: 'body', rejectedValue: null, message }], timestamp) }
    }
    if (error.status === 401) return renderError(new AuthError(401, error.message || 'Unauthorized'), timestamp)
  }
  if (error instanceof InjectedFault) return renderFault(error, timestamp)
  return {
    status: 500,
    body: { message: 'An unexpected error occurred.', error: 'linkcy.internal', status: 500, timestamp },
  }
}

/** Messages of the statuses whose generic body has one (the others reuse a body LinkCy already answers). */
const FAULT_MESSAGES: Record<number, string> = {
  409: 'Conflict.',
  429: 'Too many requests, please retry later.',
  502: 'Bad gateway.',
  503: 'The service is temporarily unavailable, please retry later.',
  504: 'Gateway timeout.',
}

/**
 * An error injected by /_sim/faults: with a catalogue code, that code's exact body under the rule's
 * status; otherwise the body the simulator already answers for that status (400 without details,
 * plain 401/403, unknown-route 404, the unknown-error 500), or the generic envelope with the
 * status's kind (429 linkcy.too.many.requests, 502/503/504 linkcy.bad.gateway/service.unavailable/gateway.timeout).
 */
function renderFault(fault: InjectedFault, timestamp: string): { status: number; body: Body } {
  const { status } = fault
  if (fault.code) return renderError(new SimError(fault.code, fault.params, { status: status as 400 }), timestamp)
  if (status === 400) return { status, body: validationBody([], timestamp) }
  if (status === 401) return renderError(new AuthError(401, 'Full authentication is required to access this resource'), timestamp)
  if (status === 403) return renderError(new AuthError(403, 'Access Denied'), timestamp)
  if (status === 404) return { status, body: notFoundBody(fault.method, fault.path, timestamp) }
  if (status === 500) return renderError(undefined, timestamp)
  return { status, body: { message: FAULT_MESSAGES[status] ?? `Request failed with status ${status}.`, error: kindOf(status), status, timestamp } }
}

export function notFoundBody(method: string, path: string, timestamp: string): Body {
  return { message: `No endpoint ${method} ${path}.`, error: 'linkcy.not.found', status: 404, timestamp }
}

function validationBody(details: FieldViolation[], timestamp: string): Body {
  return {
    details: details.map((d) => ({ field: d.field, rejectedValue: stringify(d.rejectedValue), message: d.message })),
    error: 'linkcy.bad.request',
    status: 400,
    timestamp,
  }
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  if (typeof value === 'string') return value
  try {
    const text = JSON.stringify(value)
    return text.length > 1000 ? `${text.slice(0, 1000)}...` : text
  } catch {
    return String(value) // never let rendering an error fail
  }
}

type Issue = ZodError['issues'][number]

/**
 * Turns a zod failure into LinkCy's answer. An over-long string is LinkCy's business error
 * TOO_LONG_FIELD; every other problem is a field violation with a Bean-Validation-style message.
 */
export function zodFailure(error: ZodError, input: unknown): SimError | ValidationError {
  const tooLong = error.issues.find((i) => i.code === 'too_big' && i.origin === 'string')
  if (tooLong && tooLong.code === 'too_big') {
    const field = fieldPath(tooLong.path)
    const value = valueAt(input, tooLong.path)
    const size = typeof value === 'string' ? value.length : 0
    return new SimError('TOO_LONG_FIELD', [field, Number(tooLong.maximum), size], { field, rejectedValue: value })
  }
  const details = error.issues.flatMap((issue) => violations(issue, input))
  return new ValidationError(details)
}

function violations(issue: Issue, input: unknown): FieldViolation[] {
  if (issue.code === 'invalid_union') {
    // Pick the branch the caller most likely meant: the one whose failures are least about fields
    // the caller did not send (a wrong consumerPhone beats "username must not be null").
    const score = (branch: Issue[]) => branch.reduce((n, i) => n + (valueAt(input, [...issue.path, ...i.path]) === undefined ? 2 : 1), 0)
    const branches = issue.errors.filter((b) => b.length > 0).sort((a, b) => score(a as Issue[]) - score(b as Issue[]))
    if (branches[0]) return branches[0].flatMap((inner) => violations({ ...inner, path: [...issue.path, ...inner.path] } as Issue, input))
  }
  const value = valueAt(input, issue.path)
  return [{ field: fieldPath(issue.path), rejectedValue: value, message: messageOf(issue, value) }]
}

function messageOf(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined || value === null ? 'must not be null' : `must be of type ${issue.expected}`
    case 'too_big':
      return issue.origin === 'array' ? `size must be between 0 and ${issue.maximum}` : `must be less than or equal to ${issue.maximum}`
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return `size must be at least ${issue.minimum}`
      return `must be greater than or equal to ${issue.minimum}`
    case 'invalid_format':
      if (issue.format === 'regex') return `must match "${regexSource((issue as { pattern?: unknown }).pattern)}"`
      if (issue.format === 'uuid' || issue.format === 'guid') return 'must be a valid UUID'
      if (issue.format === 'email') return 'must be a well-formed email address'
      if (issue.format === 'datetime' || issue.format === 'date') return `must be a valid ${issue.format}`
      return `must be a valid ${issue.format}`
    case 'invalid_value':
      if (value === undefined || value === null) return 'must not be null'
      return `must be one of [${issue.values.map(String).join(', ')}]`
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`
    default:
      return issue.message
  }
}

/** A pattern as Spring prints it: the source, without JavaScript's /.../flags delimiters. */
function regexSource(pattern: unknown): string {
  if (pattern instanceof RegExp) return pattern.source
  return String(pattern ?? '').replace(/^\/(.*)\/[a-z]*$/s, '$1')
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '')
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input
  for (const key of path) {
    // A list query parameter may arrive as one comma-separated value (kycStatus=A,B): index into it.
    if (typeof cur === 'string' && typeof key === 'number') cur = cur.split(',').filter((s) => s !== '')
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<PropertyKey, unknown>)[key]
  }
  return cur
}
