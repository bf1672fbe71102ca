import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, productionEnv, type Server, startCms, startStorefront, TEST_ADMIN_PASSWORD } from '../helpers/servers'

type LogLine = Record<string, any>

/** Every line a server printed, each parsed as JSON (the test fails on a line that is not). */
function jsonLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine
      } catch {
        throw new Error(`Not a JSON log line: ${line}`)
      }
    })
}

const env = productionEnv()
let cms: Cms
let shop: Server
let token: string
let slug: string

/** Log lines arrive through a pipe a moment after the response: wait for them. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 50 })

// Logging does not depend on the database: once, in the SQLite leg.
describe.skipIf(databaseKind() === 'mongodb')('logs in production', () => {
  beforeAll(async () => {
    cms = await startCms({ databaseUri: freshDatabaseUri(), env })
    shop = await startStorefront(cms.url, { MINIMART_ENV: 'production', REVALIDATE_SECRET: env.REVALIDATE_SECRET })
    token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
    const created = await rest(cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Milo Tin 1.5 kg', price: 2350, quantity: 4, _status: 'published' },
    })
    slug = created.body.doc.slug
  })
  afterAll(async () => {
    await shop?.stop()
    await cms?.stop()
  })

  it('one shopper request can be followed from the storefront into the CMS by its request id', async () => {
    const response = await fetch(`${shop.url}/items/${slug}`)
    expect(response.status).toBe(200)
    const requestId = response.headers.get('x-request-id')
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)

    await eventually(() => {
      const shopLine = jsonLines(shop.output()).find((line) => line.msg === 'request' && line.requestId === requestId)
      expect(shopLine).toMatchObject({ level: 30, name: 'storefront', method: 'GET', path: `/items/${slug}`, status: 200 })
      expect(shopLine!.durationMs).toBeTypeOf('number')
      expect(shopLine!.time).toMatch(/^\d{4}-\d\d-\d\dT/)
    })
    await eventually(() => {
      const cmsLines = jsonLines(cms.output()).filter((line) => line.msg === 'request' && line.requestId === requestId)
      // The item, and whatever else the page needed from the CMS (the aisles for its menu), all
      // logged under the shopper's request id.
      expect(cmsLines).toContainEqual(expect.objectContaining({ name: 'cms', method: 'GET', path: '/api/items', status: 200 }))
      for (const line of cmsLines) expect(line).toMatchObject({ name: 'cms', method: 'GET', status: 200 })
    })
  })

  it('keeps a request id that a load balancer sent, and never one that is not an id', async () => {
    const kept = await fetch(`${shop.url}/`, { headers: { 'x-request-id': 'lb-7f3a9c21-trace' } })
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a9c21-trace')
    await eventually(() => {
      expect(jsonLines(cms.output()).some((line) => line.requestId === 'lb-7f3a9c21-trace' && line.path === '/api/items')).toBe(true)
    })

    const replaced = await fetch(`${shop.url}/`, { headers: { 'x-request-id': 'hello\tworld {"level":60}' } })
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('logs the CMS unavailable page as a warning with the request id', async () => {
    const lonelyShop = await startStorefront('http://127.0.0.1:9', { MINIMART_ENV: 'production', REVALIDATE_SECRET: env.REVALIDATE_SECRET })
    try {
      const response = await fetch(`${lonelyShop.url}/`)
      expect(response.status).toBe(503)
      const requestId = response.headers.get('x-request-id')
      await eventually(() => {
        const lines = jsonLines(lonelyShop.output()).filter((line) => line.requestId === requestId)
        expect(lines).toEqual([
          expect.objectContaining({ level: 40, msg: 'CMS unavailable: serving the 503 page', path: '/' }),
          expect.objectContaining({ level: 30, msg: 'request', path: '/', status: 503 }),
        ])
      })
    } finally {
      await lonelyShop.stop()
    }
  })

  it('never logs a password, a token or a secret', async () => {
    const failed = await rest(cms.url, 'users/login', { method: 'POST', body: { username: 'unclepat', password: 'wrong-password-7731' } })
    expect(failed.status).toBe(401)
    const invalid = await rest(cms.url, 'items', { method: 'POST', token, body: { name: '', price: -1 } })
    expect(invalid.status).toBe(400)
    await rest(cms.url, 'users/me', { token })
    await new Promise((resolve) => setTimeout(resolve, 500)) // let the last lines through the pipe

    for (const output of [cms.output(), shop.output()]) {
      jsonLines(output)
      for (const secret of [TEST_ADMIN_PASSWORD, 'wrong-password-7731', token, env.PAYLOAD_SECRET, env.REVALIDATE_SECRET]) {
        expect(output).not.toContain(secret)
      }
    }
  })
})
