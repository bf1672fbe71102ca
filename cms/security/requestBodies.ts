import type { Endpoint, Field, Payload, PayloadRequest, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import { APIError, createLocalReq, Forbidden, ValidationError } from 'payload'

import type { AccessCheck } from './earlyRefusal.ts'
import { JSON_MAX_BYTES, JSON_TOO_LARGE } from './jsonBodyLimit'
import { malformedJsonMessage, malformedJsonParam } from './jsonQueryParams'
import { refuseUnfitData, unfitData, writableFields } from './refuseUnfitData'

const isJson = (req: PayloadRequest) => (req.headers.get('content-type') ?? '').split(';', 1)[0] === 'application/json'
const isMultipart = (req: PayloadRequest) => (req.headers.get('content-type') ?? '').includes('multipart/')

/** Reads a JSON body, stopping (413) as soon as it passes the limit, whatever Content-Length said. */
async function readLimited(req: { body?: ReadableStream<Uint8Array> | null; headers: Headers }): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > JSON_MAX_BYTES) throw new APIError(JSON_TOO_LARGE, 413, undefined, true)
  if (!req.body) return ''
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > JSON_MAX_BYTES) {
      await reader.cancel()
      throw new APIError(JSON_TOO_LARGE, 413, undefined, true)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The string fields each auth route reads from its body (Payload's handlers coerce the rest away). */
const AUTH_BODIES: Record<string, string[]> = {
  '/login': ['username', 'email', 'password'],
  '/forgot-password': ['username', 'email'],
  '/unlock': ['username', 'email'],
  '/reset-password': ['token', 'password'],
}
const textFields = (names: string[]): Field[] => names.map((name) => ({ name, type: 'text' }))

/**
 * Whether the collection's access function refuses this caller outright, asked without the data
 * (as Payload's /api/access asks it). A query result or an error means "it depends": not refused.
 */
async function refusedWithoutData(access: ((args: never) => unknown) | undefined, req: PayloadRequest): Promise<boolean> {
  const allowed = await Promise.resolve(access?.({ req } as never)).catch(() => true)
  return allowed === false
}

/** Routes whose body is one document's data: a create, an update, the first account. */
const WRITES: Record<string, 'create' | 'update'> = {
  'post /': 'create',
  'patch /': 'update',
  'patch /:id': 'update',
  'post /first-register': 'create',
}

/**
 * Wraps one REST endpoint of a collection so that, before Payload's handler reads anything:
 * - `where`/`data` given as text must be JSON (the proxy checks the URL, but a POST with
 *   `X-Payload-HTTP-Method-Override: GET` carries them in a form body Payload turns into a URL);
 * - a write the caller may not make at all is refused before its body is read (403);
 * - a JSON body is at most JSON_MAX_BYTES (413), and is an object (400): Payload's operations
 *   read `data.email`, `'id' in data`, … before any hook and answer a 500 for `null` or `"x"`;
 * - the fields have the JSON types their config says (refuseUnfitData.ts), and an auth
 *   route's fields are text (400 naming the field).
 * Then Payload reads the body from what was read here.
 */
function guardEndpoint(collection: SanitizedCollectionConfig, endpoint: Endpoint): Endpoint {
  const route = `${endpoint.method} ${endpoint.path}`
  const write = WRITES[route]
  const authFields = collection.auth && endpoint.method === 'post' ? AUTH_BODIES[endpoint.path] : undefined
  return {
    ...endpoint,
    handler: async (req) => {
      const malformed = malformedJsonParam(req.searchParams)
      if (malformed) throw new APIError(malformedJsonMessage(malformed), 400, undefined, true)
      if (endpoint.method !== 'post' && endpoint.method !== 'patch' && endpoint.method !== 'put') return endpoint.handler(req)
      if (write && endpoint.path !== '/first-register') {
        if (await refusedWithoutData(collection.access[write], req)) throw new Forbidden(req.t)
      }
      if (isMultipart(req)) return endpoint.handler(req)
      if (!isJson(req)) {
        if (write)
          throw new APIError(
            'Send the body as JSON (Content-Type: application/json), or as multipart/form-data for a file.',
            415,
            undefined,
            true,
          )
        return endpoint.handler(req)
      }
      const text = await readLimited(req)
      let data: unknown = {}
      if (text.trim() !== '') {
        try {
          data = JSON.parse(text)
        } catch {
          throw new APIError('Invalid JSON', 400, undefined, true)
        }
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new APIError('The request body must be a JSON object, e.g. {"name": "…"}.', 400, undefined, true)
      }
      // Payload's create and update read some fields before any hook (upload sizes, the password,
      // auth's username or email): their JSON types are checked here too, as the hook will.
      const fields = authFields ? textFields(authFields) : write ? writableFields(collection) : []
      const { errors } = unfitData(fields, data as Record<string, unknown>, { idType: () => 'text' })
      if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
      // The stream is spent: Payload's own reader (addDataAndFileToRequest) calls req.text(),
      // plugins' endpoints req.json().
      Object.defineProperty(req, 'text', { configurable: true, writable: true, value: async () => text })
      Object.defineProperty(req, 'json', { configurable: true, writable: true, value: async () => data })
      return endpoint.handler(req)
    },
  }
}

/**
 * Every collection in the running config (ours, the plugins', and Payload's own: preferences,
 * locks, jobs, migrations) checks the JSON types of what it is asked to store, first of its
 * beforeOperation hooks, from the field types in its config (refuseUnfitData.ts), and
 * every REST endpoint of theirs is guarded as guardEndpoint says. Applied to the sanitized config
 * because Payload adds its own collections and the default endpoints only when sanitizing.
 */
export function guardRequestBodies(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    collection.hooks.beforeOperation = [refuseUnfitData, ...(collection.hooks.beforeOperation ?? [])]
    // Without REST endpoints (payload-migrations) Payload answers every request 501 Not
    // Implemented, a server error; no endpoints at all gets the 404 that is true.
    if (collection.endpoints === false) collection.endpoints = []
    if (!Array.isArray(collection.endpoints)) continue
    const verifies = Boolean(collection.auth?.verify)
    collection.endpoints = collection.endpoints
      // Without email verification there is no token to check: Payload answers a 500 (SQL).
      .filter((endpoint) => verifies || endpoint.path !== '/verify/:id')
      .map((endpoint) => guardEndpoint(collection, endpoint))
  }
  return config
}

/**
 * For cms/server.ts (see earlyRefusal.ts): a REST create or update, by a caller with no
 * credentials at all, of a collection whose access refuses anonymous callers (every one of ours)
 * is answered 403 before its body is read. The collection's own access function decides, asked
 * as Payload's /api/access asks it: without the data.
 */
export function accessBeforeReading(payload: Payload): AccessCheck {
  const api = payload.config.routes.api
  return async ({ headers, method, url }) => {
    // A POST with a method override is a read (handleEndpoints turns it into a GET).
    if (headers.get('x-payload-http-method-override') === 'GET' || headers.get('x-http-method-override') === 'GET') return undefined
    const { pathname } = new URL(url, 'http://cms.invalid')
    if (!pathname.startsWith(`${api}/`)) return undefined
    const [slug, id, ...rest] = pathname.slice(api.length + 1).split('/')
    const collection = payload.collections[slug as keyof typeof payload.collections]
    const operation = method === 'POST' && id === undefined ? 'create' : method === 'PATCH' ? 'update' : undefined
    if (!collection || !operation || rest.length > 0) return undefined
    // Only callers without any credentials: judging a login here (its strategies expect Next's
    // request scope, e.g. two-factor cookies) is left to Payload, after Next has read the body.
    const cookies = headers.get('cookie') ?? ''
    if (headers.has('authorization') || cookies.includes(`${payload.config.cookiePrefix}-token=`)) return undefined
    const req = await createLocalReq({}, payload)
    return (await refusedWithoutData(collection.config.access[operation], req))
      ? { status: 403, message: req.t('error:notAllowedToPerformAction') }
      : undefined
  }
}

/**
 * Wraps Payload's GraphQL route: its body is read like a REST body (at most JSON_MAX_BYTES, 413),
 * must be JSON (Payload answers a 500 with no body to `{` or two objects) and an object (400).
 */
export function guardGraphqlBody(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  const refuse = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status })
  return async (request) => {
    let text: string
    try {
      text = await readLimited(request)
    } catch {
      return refuse(413, JSON_TOO_LARGE)
    }
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return refuse(400, 'The request body is not valid JSON; send {"query": "…", "variables": {…}}.')
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return refuse(400, 'The request body must be a JSON object: {"query": "…", "variables": {…}}.')
    // A fresh Request (Next's own class and the global one do not mix) with the body read here.
    return handler(new Request(request.url, { body: text, headers: request.headers, method: request.method }))
  }
}
