import type { IncomingHttpHeaders } from 'node:http'

import { JSON_MAX_BYTES, JSON_TOO_LARGE } from './jsonBodyLimit.ts'

export type Refusal = { message: string; status: number }
export type AccessCheck = (request: { headers: Headers; method: string; url: string }) => Promise<Refusal | undefined>

// boot.ts (in Next's bundles, where Payload lives) registers the access check; cms/server.ts
// (plain Node, same process) asks it. A global symbol is what both module graphs share.
const key = Symbol.for('minimart.accessBeforeReading')
const globals = globalThis as typeof globalThis & { [key]?: AccessCheck }

export function onAccessBeforeReading(check: AccessCheck): void {
  globals[key] = check
}

/**
 * Asked by cms/server.ts before Next sees a request, because Next reads a whole body (up to
 * 10 MB, for its proxy) before any of our code runs: a JSON body that says it is over
 * JSON_MAX_BYTES gets a 413, and a write the caller may not make at all a 403, unread.
 */
export async function refuseBeforeReading(
  method: string | undefined,
  url: string | undefined,
  incoming: IncomingHttpHeaders,
): Promise<Refusal | undefined> {
  if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return undefined
  const type = String(incoming['content-type'] ?? '')
    .split(';', 1)[0]
    .trim()
  if (type === 'application/json' && Number(incoming['content-length'] ?? 0) > JSON_MAX_BYTES)
    return { status: 413, message: JSON_TOO_LARGE }
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  return globals[key]?.({ headers, method, url: url ?? '/' })
}
