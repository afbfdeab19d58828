import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, vi } from 'vitest'
import { Webhook } from 'svix'
import { flushWebhooks } from '../../src/state/webhooks'
import type { TestWorld } from './app'

// A webhook receiver for tests: a real node:http server that verifies EVERY request with the official
// svix package, as a partner's endpoint would: against its own wall clock (svix checks svix-timestamp
// against "now" with a 5-minute tolerance), whatever instant the simulator clock shows.

export interface WebhookEvent { type: string; id: string; timestamp: string; data: Record<string, any> }
export interface ReceivedHook { headers: IncomingHttpHeaders; body: string; event?: WebhookEvent; error?: string }

export interface HookReceiver {
  url: string
  /** The endpoint's whsec_ secret: set it once subscribed. */
  secret: string
  received: ReceivedHook[]
  /** Statuses to answer to the next verified requests, in order (200 once empty). */
  answers: number[]
  /** While set, every answer waits for it (a slow endpoint). */
  hold?: Promise<void>
  /** The verified events, in arrival order. */
  events(): WebhookEvent[]
  /** Their types. */
  types(): string[]
}

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
})

/** svix's Webhook.verify as of `nowMs` (its tolerance check reads Date.now()). */
export function verifyAt(secret: string, nowMs: number, body: string, headers: IncomingHttpHeaders): WebhookEvent {
  const spy = vi.spyOn(Date, 'now').mockReturnValue(nowMs)
  try {
    return new Webhook(secret).verify(body, headers as Record<string, string>) as WebhookEvent
  } finally {
    spy.mockRestore()
  }
}

/** A receiver on port 0 for world `w`: a request that fails verification is answered 400 and kept with its error. */
export async function hookReceiver(w: Pick<TestWorld, 'store'>): Promise<HookReceiver> {
  const r: HookReceiver = {
    url: '', secret: '', received: [], answers: [],
    events: () => r.received.flatMap((x) => (x.event ? [x.event] : [])),
    types: () => r.events().map((e) => e.type),
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const hook: ReceivedHook = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      r.received.push(hook)
      try {
        hook.event = verifyAt(r.secret, w.store.clock.realNowMs(), hook.body, req.headers)
      } catch (error) {
        hook.error = (error as Error).message
        res.writeHead(400).end('bad signature')
        return
      }
      const status = r.answers.shift() ?? 200
      void (r.hold ?? Promise.resolve()).then(() => res.writeHead(status).end('ok'))
    })
  })
  servers.push(server)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  return r
}

/** Subscribes `rx` for a partner through POST /_sim/webhooks (and gives it the secret); answers the endpoint. */
export async function subscribeReceiver(w: TestWorld, rx: HookReceiver, extra: Record<string, unknown> = {}, partnerName = 'sandbox') {
  const res = await w.call('POST', '/_sim/webhooks', { body: { partnerName, url: rx.url, ...extra } })
  expect(res.status, await res.clone().text()).toBe(201)
  const endpoint = (await res.json()) as { id: string; secret: string; eventTypes: string[] }
  rx.secret = endpoint.secret
  return endpoint
}

/** Waits until every due delivery has been made, then asserts nothing failed verification. */
export async function delivered(w: Pick<TestWorld, 'store'>, ...receivers: HookReceiver[]): Promise<void> {
  await flushWebhooks(w.store)
  for (const rx of receivers) expect(rx.received.filter((x) => x.error).map((x) => x.error)).toEqual([])
}

/** GET /_sim/webhooks/deliveries with a query: the messages with their attempts, newest first. */
export async function deliveryLog(w: TestWorld, query = ''): Promise<Record<string, any>[]> {
  const res = await w.call('GET', `/_sim/webhooks/deliveries${query}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { content: Record<string, any>[] }).content
}

/** Moves the simulator clock (due jobs run, retries become due). */
export async function advance(w: TestWorld, seconds: number): Promise<void> {
  expect((await w.call('POST', '/_sim/clock/advance', { body: { seconds } })).status).toBe(200)
}

/** Calls and asserts the status; answers the JSON body (if any). */
export async function ok(w: TestWorld, status: number, method: string, path: string, opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<any> {
  const res = await w.call(method, path, opts)
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(status)
  const text = await res.text()
  return text ? JSON.parse(text) : undefined
}
