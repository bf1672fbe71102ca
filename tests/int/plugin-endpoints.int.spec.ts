/**
 * Endpoints that plugins and we add beside the collections' own (issue 11, findings 1 and 6):
 * they see `req.user` from any auth collection, so an API key (an `api-clients` record) or a
 * half-signed-in account must not be taken for a member of staff acting on their own account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Callers, setUpCallers } from '../helpers/callers'
import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { randomBase32Secret, totpCode } from '../helpers/totp'

const PAYLOAD_SECRET = 'plugin-endpoints-test-secret-0123456789abcdef'

let cms: Cms
let callers: Callers

/** The cookies a response sets, as a Cookie header value. */
const cookiesOf = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  fetch(`${cms.url}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

/** What unclepat's own account says about two-factor, read with his password-only login. */
async function unclePatHasTotp(): Promise<boolean> {
  const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  const me = await rest(cms.url, 'users/me', { token })
  return Boolean(me.body.user.hasTotp)
}

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { PAYLOAD_SECRET } })
  callers = await setUpCallers(cms.url, TEST_ADMIN_PASSWORD, PAYLOAD_SECRET)
})
afterAll(() => cms?.stop())

describe('two-factor endpoints (payload-totp)', () => {
  it('an API key cannot set up two-factor on the staff account that shares its id', async () => {
    const me = await rest(cms.url, 'users/me', { token: callers.adminToken })
    const keys = await rest(cms.url, 'api-clients', { headers: callers.admin })
    // On a fresh SQLite install the first key and unclepat are both #1: the attack the issue
    // describes. (MongoDB's ids never coincide; the key must be refused there all the same.)
    if (databaseKind() === 'sqlite') expect(keys.body.docs.map((key: { id: number }) => key.id)).toContain(me.body.user.id)

    const secret = randomBase32Secret()
    const setup = await post('setup-totp', callers.apiKey, { secret, token: totpCode(secret) })
    expect(setup.status).toBe(403)
    expect((await setup.json()).ok).not.toBe(true)
    expect(cookiesOf(setup)).not.toMatch(/totp/)
    expect(await unclePatHasTotp()).toBe(false)
  })

  it('answers anonymous callers and API keys 401/403 on every two-factor endpoint, changing nothing', async () => {
    const secret = randomBase32Secret()
    for (const path of ['setup-totp', 'verify-totp', 'remove-totp']) {
      const body = { secret, token: totpCode(secret) }
      expect((await post(path, {}, body)).status, `anonymous ${path}`).toBe(401)
      expect((await post(path, callers.apiKey, body)).status, `API key ${path}`).toBe(403)
      expect((await post(path, callers.unknownApiKey, body)).status, `unknown API key ${path}`).toBe(401)
      expect((await post(path, callers.forgedToken, body)).status, `forged token ${path}`).toBe(401)
    }
    expect(await unclePatHasTotp()).toBe(false)
  })

  it('half signed in (password, code pending): verify works; setup and remove do not', async () => {
    const username = 'halfway'
    const password = 'halfway-password-1'
    const created = await rest(cms.url, 'users', { method: 'POST', headers: callers.admin, body: { username, password, roles: ['staff'] } })
    expect(created.status).toBe(201)
    const secret = randomBase32Secret()
    // Fully signed in (no two-factor yet): may set it up for their own account.
    const first = await login(cms.url, username, password)
    const setUp = await post('setup-totp', { authorization: `JWT ${first}` }, { secret, token: totpCode(secret) })
    expect(setUp.status).toBe(200)
    expect(await setUp.json()).toEqual({ ok: true })

    // A password-only login now is half a login.
    const half = { authorization: `JWT ${await login(cms.url, username, password)}` }
    const again = randomBase32Secret()
    const resetUp = await post('setup-totp', half, { secret: again, token: totpCode(again) })
    expect(resetUp.status).toBe(403)
    const removed = await post('remove-totp', half, { token: totpCode(secret) })
    expect(removed.status).toBe(403)

    // The second step of the login is what verify is for (and the secret is still the first one).
    const verified = await post('verify-totp', half, { token: totpCode(secret) })
    expect(verified.status).toBe(200)
    expect(await verified.json()).toEqual({ ok: true })
    const full = { ...half, cookie: cookiesOf(verified) }

    // Fully signed in with both factors: may turn it off again, with a code.
    const off = await post('remove-totp', full, { token: totpCode(secret) })
    expect(off.status).toBe(200)
    expect(await off.json()).toEqual({ ok: true })
    const fresh = await login(cms.url, username, password)
    expect((await rest(cms.url, 'users/me', { token: fresh })).body.user.hasTotp).toBe(false)
  })
})

describe('jobs (payload-jobs)', () => {
  it('nobody may run or schedule queued jobs over HTTP: imports and exports run in the request', async () => {
    for (const path of ['payload-jobs/run', 'payload-jobs/handle-schedules']) {
      for (const caller of ['apiKey', 'staff', 'admin', 'anonymous'] as const) {
        const response = await rest(cms.url, path, { headers: callers[caller] })
        expect(response.status, `${caller} GET /api/${path}`).toBeGreaterThanOrEqual(400)
        expect(response.status, `${caller} GET /api/${path}`).toBeLessThan(500)
      }
    }
  })
})

describe('every other plugin and custom endpoint', () => {
  it('gives an API key nothing but what anonymous callers get', async () => {
    const endpoints: { method: string; path: string; body?: unknown }[] = [
      { method: 'POST', path: 'exports/download', body: { data: { collectionSlug: 'items', format: 'csv' } } },
      { method: 'POST', path: 'exports/export-preview', body: { collectionSlug: 'items', format: 'csv' } },
      { method: 'POST', path: 'imports/preview-data', body: { collectionSlug: 'items', format: 'csv' } },
      { method: 'POST', path: 'openapi-auth', body: {} },
      { method: 'GET', path: 'payload-preferences/nav' },
      { method: 'POST', path: 'payload-preferences/nav', body: { value: {} } },
    ]
    for (const { method, path, body } of endpoints) {
      const asKey = await rest(cms.url, path, { method, headers: callers.apiKey, body })
      expect(asKey.status, `API key ${method} /api/${path}`).toBeGreaterThanOrEqual(400)
      expect(asKey.status, `API key ${method} /api/${path}`).toBeLessThan(500)
    }
    // Public on purpose: the health check and the API's description.
    expect((await rest(cms.url, 'health', { headers: callers.apiKey })).status).toBe(200)
    expect((await rest(cms.url, 'openapi.json', { headers: callers.apiKey })).status).toBe(200)
  })
})
