/**
 * Failed logins (issue 11, finding 3): guessing is slowed per account and address, per address,
 * but a stranger cannot lock the owner out, and every failed login gets the same answer, so the
 * answer does not tell which usernames exist. Addresses are simulated through a trusted proxy's
 * X-Forwarded-For.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { graphql } from '../helpers/graphql'
import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { randomBase32Secret, totpCode } from '../helpers/totp'

let cms: Cms
let adminToken: string

const from = (address: string) => ({ 'x-forwarded-for': address })
const tryLogin = (username: string, password: string, address: string) =>
  rest(cms.url, 'users/login', { method: 'POST', headers: from(address), body: { username, password } })

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { TRUST_PROXY: 'true' } })
  adminToken = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  for (const username of ['mei', 'ahmad', 'siti']) {
    const created = await rest(cms.url, 'users', {
      method: 'POST',
      token: adminToken,
      body: { username, password: `${username}-right-password`, roles: ['staff'] },
    })
    expect(created.status).toBe(201)
  }
})
afterAll(() => cms?.stop())

describe('a stranger guessing passwords', () => {
  it("cannot lock the owner out: the right password from the owner's address still gets in", async () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect((await tryLogin('mei', `wrong-${attempt}`, '203.0.113.66')).status).toBe(401)
    }
    const owner = await tryLogin('mei', 'mei-right-password', '198.51.100.7')
    expect(owner.status).toBe(200)
    expect(owner.body.token).toBeTruthy()
  })

  it('is slowed down: after 5 wrong passwords the guessing address is refused even the right one', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await tryLogin('ahmad', `wrong-${attempt}`, '203.0.113.77')).status).toBe(401)
    }
    const guessedRight = await tryLogin('ahmad', 'ahmad-right-password', '203.0.113.77')
    expect(guessedRight.status).toBe(401)
    expect(guessedRight.body.token).toBeUndefined()
    // Other addresses, and other accounts from that address, are not affected.
    expect((await tryLogin('ahmad', 'ahmad-right-password', '198.51.100.8')).status).toBe(200)
    expect((await tryLogin('siti', 'siti-right-password', '203.0.113.77')).status).toBe(200)
  })

  it("cannot keep two-factor accounts from logging in either: password, then code, from the owner's address", async () => {
    const created = await rest(cms.url, 'users', {
      method: 'POST',
      token: adminToken,
      body: { username: 'lina', password: 'lina-right-password', roles: ['staff'] },
    })
    expect(created.status).toBe(201)
    const secret = randomBase32Secret()
    const token = await login(cms.url, 'lina', 'lina-right-password')
    const setup = await rest(cms.url, 'setup-totp', { method: 'POST', token, body: { secret, token: totpCode(secret) } })
    expect(setup.body).toEqual({ ok: true })
    for (let attempt = 1; attempt <= 12; attempt++) await tryLogin('lina', `wrong-${attempt}`, '203.0.113.88')
    const password = await tryLogin('lina', 'lina-right-password', '198.51.100.9')
    expect(password.status).toBe(200)
    const code = await rest(cms.url, 'verify-totp', {
      method: 'POST',
      token: password.body.token,
      headers: from('198.51.100.9'),
      body: { token: totpCode(secret) },
    })
    expect(code.body).toEqual({ ok: true })
  })
})

describe('one answer for every failed login', () => {
  it('is the same status and body for an unknown user, a wrong password and a throttled address', async () => {
    const unknown = await tryLogin('nobody-here', 'whatever-password', '192.0.2.10')
    const wrong = await tryLogin('siti', 'wrong-password', '192.0.2.11')
    for (let attempt = 1; attempt <= 6; attempt++) await tryLogin('unclepat', `wrong-${attempt}`, '192.0.2.12')
    const throttled = await tryLogin('unclepat', 'still-wrong', '192.0.2.12')
    const throttledRight = await tryLogin('unclepat', TEST_ADMIN_PASSWORD, '192.0.2.12')
    for (const answer of [wrong, throttled, throttledRight]) {
      expect(answer.status).toBe(unknown.status)
      expect(answer.body).toEqual(unknown.body)
    }
    expect(unknown.status).toBe(401)
    expect(JSON.stringify(unknown.body)).not.toMatch(/lock/i)
  })

  it('is the same over GraphQL', async () => {
    const ask = (username: string) =>
      graphql(cms.url, `mutation { loginUser(username: "${username}", password: "wrong-password") { token } }`, {
        headers: from('192.0.2.20'),
      })
    const unknown = await ask('nobody-here')
    const wrong = await ask('siti')
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message)
    expect(wrong.errors?.[0]?.extensions?.statusCode).toBe(401)
  })

  it('is still audited, with the address', async () => {
    await tryLogin('nobody-at-all', 'x-password', '192.0.2.30')
    const log = await rest(cms.url, 'audit-log?where[action][equals]=login-failed&where[actor][equals]=nobody-at-all&limit=5', {
      token: adminToken,
    })
    expect(log.body.docs).toHaveLength(1)
    expect(log.body.docs[0].ip).toBe('192.0.2.30')
    const refused = await rest(cms.url, 'audit-log?where[action][equals]=login-failed&where[actor][equals]=ahmad&limit=20', {
      token: adminToken,
    })
    expect(refused.body.docs.length).toBeGreaterThanOrEqual(6)
  })
})
