/**
 * The people and programs that call the CMS in the access tests, each as the request headers it
 * sends: nobody, staff and admin logins, an API key, and credentials that must count for nothing
 * (a garbage token, a token signed with another secret, an expired token, an unknown API key).
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'

import { login, rest } from './rest'

export const CALLERS = ['anonymous', 'staff', 'admin', 'apiKey', 'garbageToken', 'forgedToken', 'expiredToken', 'unknownApiKey'] as const
export type Caller = (typeof CALLERS)[number]
export type Callers = Record<Caller, Record<string, string>> & { adminToken: string; staffToken: string }

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

/** An HS256 JWT the way Payload signs one (payload.secret is a digest of PAYLOAD_SECRET). */
export function signPayloadJwt(claims: Record<string, unknown>, payloadSecret: string): string {
  const key = createHash('sha256').update(payloadSecret).digest('hex').slice(0, 32)
  const header = base64url(JSON.stringify({ alg: 'HS256', authVersion: 1, typ: 'JWT' }))
  const body = base64url(JSON.stringify(claims))
  const signature = createHmac('sha256', key).update(`${header}.${body}`).digest('base64url')
  return `${header}.${body}.${signature}`
}

const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))

/**
 * Sets up every caller on a CMS started with `payloadSecret`: a staff account, an API key, and
 * tokens that look right but are not (the expired one is the admin's own, re-signed with the
 * real secret and an expiry in the past).
 */
export async function setUpCallers(baseUrl: string, adminPassword: string, payloadSecret: string): Promise<Callers> {
  const adminToken = await login(baseUrl, 'unclepat', adminPassword)
  const jwt = (token: string) => ({ authorization: `JWT ${token}` })
  const staffName = `staff-${randomBytes(4).toString('hex')}`
  const staff = await rest(baseUrl, 'users', {
    method: 'POST',
    token: adminToken,
    body: { username: staffName, password: 'staff-test-password', roles: ['staff'] },
  })
  if (staff.status !== 201) throw new Error(`could not create staff: ${JSON.stringify(staff.body)}`)
  const staffToken = await login(baseUrl, staffName, 'staff-test-password')
  const apiKey = randomUUID()
  const client = await rest(baseUrl, 'api-clients', {
    method: 'POST',
    token: adminToken,
    body: { name: 'Matrix test program', enableAPIKey: true, apiKey },
  })
  if (client.status !== 201) throw new Error(`could not create an API key: ${JSON.stringify(client.body)}`)
  const now = Math.floor(Date.now() / 1000)
  const adminClaims = claimsOf(adminToken)
  return {
    adminToken,
    staffToken,
    anonymous: {},
    staff: jwt(staffToken),
    admin: jwt(adminToken),
    apiKey: { authorization: `api-clients API-Key ${apiKey}` },
    garbageToken: jwt('not.a.token'),
    forgedToken: jwt(signPayloadJwt({ ...adminClaims, iat: now, exp: now + 3600 }, 'some-other-secret')),
    expiredToken: jwt(signPayloadJwt({ ...adminClaims, iat: now - 7200, exp: now - 3600 }, payloadSecret)),
    unknownApiKey: { authorization: `api-clients API-Key ${randomUUID()}` },
  }
}
