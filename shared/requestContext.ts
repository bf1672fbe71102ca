/**
 * The request id of the request being served, for log lines and for the call from the storefront
 * to the CMS (header x-request-id), so one shopper's request can be followed across both apps.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

export const REQUEST_ID_HEADER = 'x-request-id'

type RequestContext = { requestId: string }

// Kept on globalThis: the CMS's server (plain Node) and Payload (bundled by Next) each load their
// own copy of this module, and both must see the same store.
const key = Symbol.for('minimart.requestContext')
const globals = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<RequestContext> }
const storage = (globals[key] ??= new AsyncLocalStorage<RequestContext>())

export const runWithRequestId = <T>(requestId: string, serve: () => T): T => storage.run({ requestId }, serve)

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId

/**
 * Keeps an id that came with the request (from the storefront, or a load balancer in front) when
 * it looks like one; anything else is replaced, so a visitor cannot write arbitrary text into logs.
 */
export function requestIdFrom(header: string | null | undefined): string {
  return header && /^[\w.:-]{8,128}$/.test(header) ? header : randomUUID()
}
