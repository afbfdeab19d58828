import type { TestWorld } from './app'

// Multipart uploads for the Documents tests.

export const DOCUMENTS = '/api/partner/documents'
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])

/** POST /documents as multipart/form-data: string fields, and `file` (bytes, name, type) unless null. */
export function upload(
  w: TestWorld, token: string | undefined, fields: Record<string, string>,
  file: { bytes: Buffer; name?: string; type?: string } | null = { bytes: PDF },
): Promise<Response> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  if (file) form.append('file', new File([new Uint8Array(file.bytes)], file.name ?? 'scan.pdf', { type: file.type ?? 'application/pdf' }))
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  return Promise.resolve(w.app.request(DOCUMENTS, { method: 'POST', headers, body: form }))
}

/** Uploads and answers the new document id (throws unless 201). */
export async function uploaded(w: TestWorld, token: string, fields: Record<string, string>, file?: { bytes: Buffer; name?: string; type?: string }): Promise<string> {
  const res = await upload(w, token, fields, file)
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
}
