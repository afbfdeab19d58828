import type { MiddlewareHandler } from 'hono'
import { ValidationError } from '../../state/errors'
import type { AppEnv } from '../env'

/** Deepest JSON nesting accepted. SIM: stricter than Jackson's 1000, far below what would exhaust the stack. */
export const MAX_JSON_DEPTH = 64

/**
 * Refuses JSON bodies that are not valid UTF-8 (Jackson's parse error: the same 400 as malformed
 * JSON, never a U+FFFD stored in place of the bytes) or nested deeper than MAX_JSON_DEPTH with a
 * LinkCy 400, before any parsing: a pathological body must never reach the validators, the
 * database or the error renderer.
 */
export const limitJsonDepth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header('Content-Type') ?? ''
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /json/i.test(type)) {
    const text = decodeUtf8(await c.req.arrayBuffer())
    // Hono reads every later c.req.text() / c.req.json() (the route's validator) from this cache,
    // which holds promises at run time (its type says otherwise).
    const cache = c.req.bodyCache as Record<string, unknown>
    cache.text = Promise.resolve(text)
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      throw new ValidationError([{ field: 'body', rejectedValue: null, message: `JSON nesting must not exceed ${MAX_JSON_DEPTH} levels` }])
    }
  }
  return next()
}

/** The text of a UTF-8 body; invalid UTF-8 (a lone 0xFF, a truncated sequence) is a 400 "Malformed JSON request". */
function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ValidationError([{ field: 'body', rejectedValue: null, message: 'Malformed JSON request' }])
  }
}

/** Maximum nesting of objects and arrays in a JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++ // backslash: skip the escaped character
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) max = Math.max(max, ++depth)
    else if (ch === 125 || ch === 93) depth--
  }
  return max
}
