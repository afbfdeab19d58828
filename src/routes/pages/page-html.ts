// A minimal HTML shell for the pages the simulator hosts in LinkCy's place (e-mail link, proof of
// address, terms). Plain HTML, no scripts: a person, a browser test or curl can drive them.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
}

/** A complete page; `body` is trusted HTML (escape what goes into it). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}.muted{color:#777;font-size:.85rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
<p class="muted">linkcy-sim: this page stands in for a page hosted by LinkCy.</p>
</body>
</html>
`
}

/** A one-button form posting back to the current page. */
export function confirmForm(action: string, label: string): string {
  return `<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(label)}</button></form>`
}
