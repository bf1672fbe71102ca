/**
 * Login security: the per-IP rate limit on login, forgot-password and two-factor codes (429 with
 * Retry-After, proxy headers trusted only when configured), and TOTP two-factor authentication
 * (optional for everyone, mandatory for admins when TOTP_REQUIRED_FOR_ADMINS=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { graphql } from '../helpers/graphql'
import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { randomBase32Secret, totpCode } from '../helpers/totp'

const wrongLogin = (cms: Cms, headers: Record<string, string> = {}, username = 'nobody') =>
  rest(cms.url, 'users/login', { method: 'POST', headers, body: { username, password: 'wrong-password' } })

/** The cookies a response sets, as a Cookie header value. */
const cookiesOf = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')

describe('per-IP rate limit (AUTH_RATE_LIMIT=3 per 60 s)', () => {
  let cms: Cms
  beforeAll(async () => {
    cms = await startCms({ databaseUri: freshDatabaseUri(), env: { AUTH_RATE_LIMIT: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60' } })
  })
  afterAll(() => cms?.stop())

  it('answers the 4th login from one address with 429 and Retry-After, whatever X-Forwarded-For claims', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      // A different made-up client address each time: without TRUST_PROXY it must not matter.
      expect((await wrongLogin(cms, { 'x-forwarded-for': `203.0.113.${attempt}` })).status).toBe(401)
    }
    const refused = await wrongLogin(cms, { 'x-forwarded-for': '198.51.100.99' })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(refused.body.errors[0].message).toMatch(/too many attempts/i)
    // Even the right password waits: the limit is per address, not per account.
    const right = await rest(cms.url, 'users/login', { method: 'POST', body: { username: 'unclepat', password: TEST_ADMIN_PASSWORD } })
    expect(right.status).toBe(429)
    // GraphQL is the same door.
    const viaGraphql = await graphql(cms.url, 'mutation { loginUser(username: "unclepat", password: "x") { token } }')
    expect(viaGraphql.errors?.[0]?.extensions?.statusCode).toBe(429)
  })

  it('counts forgot-password separately, with its own 429', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const asked = await rest(cms.url, 'users/forgot-password', { method: 'POST', body: { username: 'unclepat' } })
      expect(asked.status).toBe(200)
    }
    const refused = await rest(cms.url, 'users/forgot-password', { method: 'POST', body: { username: 'unclepat' } })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
  let cms: Cms
  beforeAll(async () => {
    cms = await startCms({ databaseUri: freshDatabaseUri(), env: { AUTH_RATE_LIMIT: '2', TRUST_PROXY: 'true' } })
  })
  afterAll(() => cms?.stop())

  it('limits each client address the proxy reports (the last X-Forwarded-For entry) on its own', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': `10.9.9.9, ${ip}` })
    expect((await wrongLogin(cms, from('203.0.113.7'))).status).toBe(401)
    expect((await wrongLogin(cms, from('203.0.113.7'))).status).toBe(401)
    expect((await wrongLogin(cms, from('203.0.113.7'))).status).toBe(429)
    // Another shopper behind the same proxy is not punished.
    expect((await wrongLogin(cms, from('203.0.113.8'))).status).toBe(401)
    // The address recorded in the audit log is the client's.
    const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
    const failed = await rest(cms.url, 'audit-log?where[action][equals]=login-failed&sort=-createdAt&limit=1', { token })
    expect(failed.body.docs[0].ip).toBe('203.0.113.8')
  })
})

describe('a lapsed window (AUTH_RATE_LIMIT=2 per 4 s)', () => {
  let cms: Cms
  beforeAll(async () => {
    cms = await startCms({ databaseUri: freshDatabaseUri(), env: { AUTH_RATE_LIMIT: '2', AUTH_RATE_LIMIT_WINDOW_SECONDS: '4' } })
  })
  afterAll(() => cms?.stop())

  it('lets the address try again once its window is over (the counter lapses, it does not pile up)', async () => {
    const ask = () => rest(cms.url, 'users/forgot-password', { method: 'POST', body: { username: 'nobody' } })
    expect((await ask()).status).toBe(200)
    expect((await ask()).status).toBe(200)
    const refused = await ask()
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(4)
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200))
    expect((await ask()).status).toBe(200)
    expect((await ask()).status).toBe(200)
    expect((await ask()).status).toBe(429)
  })
})

describe('two-factor authentication (TOTP)', () => {
  let cms: Cms
  let adminToken: string
  beforeAll(async () => {
    cms = await startCms({ databaseUri: freshDatabaseUri() })
    adminToken = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
    await rest(cms.url, 'users', {
      method: 'POST',
      token: adminToken,
      body: { username: 'mei', password: 'mei-password-123', roles: ['staff'] },
    })
  })
  afterAll(() => cms?.stop())

  const draft = { name: 'Two-factor buns', price: 100, quantity: 1, _status: 'draft' }

  it('any user can turn it on; then a password alone is not enough, the code is', async () => {
    let token = await login(cms.url, 'mei', 'mei-password-123')
    const secret = randomBase32Secret()
    const wrongCode = await rest(cms.url, 'setup-totp', {
      method: 'POST',
      token,
      body: { secret, token: '000000' === totpCode(secret) ? '111111' : '000000' },
    })
    expect(wrongCode.body.ok).toBe(false)
    const setup = await rest(cms.url, 'setup-totp', { method: 'POST', token, body: { secret, token: totpCode(secret) } })
    expect(setup.body).toEqual({ ok: true })

    // A new login with the password only: half signed in, nothing allowed.
    token = await login(cms.url, 'mei', 'mei-password-123')
    expect((await rest(cms.url, 'items', { method: 'POST', token, body: draft })).status).toBe(403)

    const wrong = await fetch(`${cms.url}/api/verify-totp`, {
      method: 'POST',
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: totpCode(secret, Date.now() - 10 * 60_000) }),
    })
    expect((await wrong.json()).ok).toBe(false)

    const verified = await fetch(`${cms.url}/api/verify-totp`, {
      method: 'POST',
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: totpCode(secret) }),
    })
    expect((await verified.json()).ok).toBe(true)
    const cookie = cookiesOf(verified)
    expect(cookie).toMatch(/payload-totp=/)
    // With the second factor, the same login may work.
    const created = await rest(cms.url, 'items', { method: 'POST', token, headers: { cookie }, body: draft })
    expect(created.status).toBe(201)

    // Both steps are in the audit log.
    const log = await rest(cms.url, 'audit-log?where[actor][equals]=mei&sort=-createdAt&limit=10&depth=0', { token: adminToken })
    const details = log.body.docs.map((entry: { detail: string }) => entry.detail)
    expect(details).toContain('two-factor code accepted')
    expect(details).toContain('wrong two-factor code')
  })

  it('limits two-factor guesses per address like passwords', async () => {
    const limited = await startCms({ databaseUri: freshDatabaseUri(), env: { AUTH_RATE_LIMIT: '3' } })
    try {
      const token = await login(limited.url, 'unclepat', TEST_ADMIN_PASSWORD)
      const statuses: number[] = []
      for (let guess = 0; guess < 4; guess++) {
        const response = await rest(limited.url, 'verify-totp', { method: 'POST', token, body: { token: String(100000 + guess) } })
        statuses.push(response.status)
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200])
      expect(statuses[3]).toBe(429)
    } finally {
      await limited.stop()
    }
  })
})

describe('TOTP_REQUIRED_FOR_ADMINS=true', () => {
  let cms: Cms
  let admin: { cookie: string; token: string }
  beforeAll(async () => {
    cms = await startCms({ databaseUri: freshDatabaseUri(), env: { TOTP_REQUIRED_FOR_ADMINS: 'true' } })
  })
  afterAll(() => cms?.stop())

  it('an admin can do nothing until two-factor is set up, and is sent to set it up', async () => {
    const loggedIn = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'unclepat', password: TEST_ADMIN_PASSWORD }),
    })
    const { token } = await loggedIn.json()
    expect((await rest(cms.url, 'users', { token })).status).toBe(403)
    expect((await rest(cms.url, 'items', { method: 'POST', token, body: { name: 'X', price: 1, quantity: 1 } })).status).toBe(403)

    // The admin panel sends the admin to the two-factor setup page.
    const page = await fetch(`${cms.url}/admin`, {
      headers: { cookie: cookiesOf(loggedIn), 'sec-fetch-site': 'same-origin' },
      redirect: 'manual',
    })
    expect(page.status).toBeGreaterThanOrEqual(300)
    expect(page.status).toBeLessThan(400)
    expect(page.headers.get('location')).toMatch(/\/admin\/setup-totp/)

    const secret = randomBase32Secret()
    const setup = await fetch(`${cms.url}/api/setup-totp`, {
      method: 'POST',
      headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ secret, token: totpCode(secret) }),
    })
    expect((await setup.json()).ok).toBe(true)
    // Setting it up counts as the second factor for this login.
    admin = { cookie: cookiesOf(setup), token }
    expect((await rest(cms.url, 'users', { token, headers: { cookie: admin.cookie } })).status).toBe(200)
  })

  it('staff are not forced', async () => {
    const staff = await rest(cms.url, 'users', {
      method: 'POST',
      token: admin.token,
      headers: { cookie: admin.cookie },
      body: { username: 'ahmad', password: 'ahmad-password-1', roles: ['staff'] },
    })
    expect(staff.status).toBe(201)
    const token = await login(cms.url, 'ahmad', 'ahmad-password-1')
    expect((await rest(cms.url, 'items', { method: 'POST', token, body: { name: 'Staff bun', price: 1, quantity: 1 } })).status).toBe(201)
  })
})
