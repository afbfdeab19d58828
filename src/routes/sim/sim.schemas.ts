import type { ZodError, ZodType, z } from 'zod'
import { ValidationError } from '../../state/errors'
import { zodFailure } from '../errors'

/** Parses a control-plane JSON body with zod; failures answer the same 400 shape as LinkCy's API. */
export async function simBody<T extends ZodType>(req: { text(): Promise<string> }, schema: T): Promise<z.infer<T>> {
  const text = await req.text()
  let raw: unknown = {}
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text)
    } catch {
      throw new ValidationError([{ field: 'body', rejectedValue: null, message: 'Malformed JSON request' }])
    }
  }
  const result = schema.safeParse(raw)
  if (!result.success) throw zodFailure(result.error as ZodError, raw)
  return result.data
}
