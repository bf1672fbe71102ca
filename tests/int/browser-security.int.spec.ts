/**
 * Browser security: the login cookie works only from our own origins (csrf), CORS answers only
 * them, cookies are Secure in production, and both apps send the security headers (CSP with
 * frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy, HSTS in production).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, productionEnv, type Server, startCms, startStorefront, TEST_ADMIN_PASSWORD } from '../helpers/servers'

const STOREFRONT = 'http://shop.example.test'
const EVIL = 'https://evil.example.test'

/** Logs in the way the admin panel does and returns the cookie the browser would keep. */
async function cookieLogin(cms: Cms): Promise<{ cookie: string; setCookie: string[] }> {
  const response = await fetch(`${cms.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: cms.url },
    body: JSON.stringify({ username: 'unclepat', password: TEST_ADMIN_PASSWORD }),
  })
  expect(response.status).toBe(200)
  const setCookie = response.headers.getSetCookie()
  return { cookie: setCookie.map((cookie) => cookie.split(';')[0]).join('; '), setCookie }
}

function expectSecurityHeaders(headers: Headers): void {
  const csp = headers.get('content-security-policy') ?? ''
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("object-src 'none'")
  expect(headers.get('x-frame-options')).toBe('DENY')
  expect(headers.get('x-content-type-options')).toBe('nosniff')
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
}

describe('the CMS in local mode', () => {
  let cms: Cms
  let shop: Server
  beforeAll(async () => {
    cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SHOP_URL: STOREFRONT } })
    shop = await startStorefront(cms.url)
  })
  afterAll(async () => {
    await shop?.stop()
    await cms?.stop()
  })

  const itemCount = async () =>
    (await rest(cms.url, 'items?limit=1', { token: await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD) })).body.totalDocs

  it('refuses a cookie-authenticated write sent from another origin, and changes nothing', async () => {
    const { cookie } = await cookieLogin(cms)
    const before = await itemCount()
    const item = { name: 'Cross-site buns', price: 100, quantity: 1, _status: 'published' }
    const fromEvil = await rest(cms.url, 'items', {
      method: 'POST',
      headers: { cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' },
      body: item,
    })
    expect([401, 403]).toContain(fromEvil.status)
    // A form post from another site carries no Origin the CMS knows either.
    const noOrigin = await rest(cms.url, 'items', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'cross-site' }, body: item })
    expect([401, 403]).toContain(noOrigin.status)
    expect(await itemCount()).toBe(before)
    // The same request from the CMS's own pages works.
    const fromAdmin = await rest(cms.url, 'items', { method: 'POST', headers: { cookie, origin: cms.url }, body: item })
    expect(fromAdmin.status).toBe(201)
    expect(await itemCount()).toBe(before + 1)
  })

  it('answers CORS for the shop and the CMS only', async () => {
    const preflight = (origin: string) =>
      fetch(`${cms.url}/api/items`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } })
    expect((await preflight(STOREFRONT)).headers.get('access-control-allow-origin')).toBe(STOREFRONT)
    expect((await preflight(EVIL)).headers.get('access-control-allow-origin')).not.toBe(EVIL)
    const read = await fetch(`${cms.url}/api/items?limit=1`, { headers: { origin: EVIL } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('sends the security headers on the admin panel, the API and uploads, without HSTS', async () => {
    for (const path of ['/admin/login', '/api/items?limit=1', '/api/openapi.json']) {
      const response = await fetch(cms.url + path)
      expect(response.status, path).toBe(200)
      expectSecurityHeaders(response.headers)
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
    }
    const { setCookie } = await cookieLogin(cms)
    const token = setCookie.find((cookie) => cookie.startsWith('payload-token='))!
    expect(token).toMatch(/HttpOnly/i)
    expect(token).toMatch(/SameSite=Lax/i)
    expect(token).not.toMatch(/;\s*Secure/i)
  })

  it('the shop sends them too', async () => {
    for (const path of ['/', '/items/no-such-item']) {
      const response = await fetch(shop.url + path)
      expectSecurityHeaders(response.headers)
      // No inline script may run on the shop: an injected <script> does nothing.
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/)
      expect(response.headers.get('strict-transport-security')).toBeNull()
    }
  })
})

describe('production mode', () => {
  let cms: Cms
  let shop: Server
  beforeAll(async () => {
    const env = productionEnv()
    cms = await startCms({ databaseUri: freshDatabaseUri(), env: { ...env, SHOP_URL: STOREFRONT } })
    shop = await startStorefront(cms.url, { MINIMART_ENV: 'production', REVALIDATE_SECRET: env.REVALIDATE_SECRET })
  })
  afterAll(async () => {
    await shop?.stop()
    await cms?.stop()
  })

  // (The Secure login cookie of production is checked in config.int.spec.ts.)
  it('adds HSTS on both apps', async () => {
    const admin = await fetch(`${cms.url}/admin/login`)
    expectSecurityHeaders(admin.headers)
    expect(admin.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
    const page = await fetch(shop.url)
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
  })
})
