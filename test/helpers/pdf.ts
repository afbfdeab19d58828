// Reading the PDFs the simulator renders (pdfkit, uncompressed streams).

/** The text a (non-compressed) pdfkit PDF shows: its TJ hex strings decoded, one line per text run. */
export function pdfText(bytes: Buffer): string {
  const source = bytes.toString('latin1')
  return [...source.matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) => [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''))
    .join('\n')
}
