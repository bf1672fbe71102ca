/**
 * How the storefront's server (storefront/server.ts) delivers pages: compressed as the browser
 * asks (brotli or gzip), cached pages answered before Astro's pipeline with the same headers,
 * request id and log line as a rendered one, and an edit in the CMS still purging them.
 */
import { get } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Shop, startShop, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let shop: Shop

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; text: string }

/** A GET without fetch's transparent decompression, so the encoding on the wire can be checked. */
function raw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const body = Buffer.concat(chunks)
        const encoding = response.headers['content-encoding']
        const text = (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8')
        resolve({ status: response.statusCode!, headers: response.headers, text })
      })
    }).on('error', reject)
  })
}

beforeAll(async () => {
  shop = await startShop({ cms: { databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } } })
})
afterAll(() => shop?.stop())

describe('compression', () => {
  it('a rendered page and a cached one: brotli, gzip or none, as asked, with the same content', async () => {
    const url = `${shop.shop.url}/?sort=name`
    const rendered = await raw(url, { 'accept-encoding': 'gzip, deflate, br' })
    expect(rendered.status).toBe(200)
    expect(rendered.headers['content-encoding']).toBe('br')
    expect(rendered.text).toContain('Kaya Spread 400 g')

    const cached = await raw(url, { 'accept-encoding': 'gzip, deflate, br', 'x-request-id': 'cached-page-0001' })
    expect(cached.headers['content-encoding']).toBe('br')
    expect(cached.headers.vary).toContain('Accept-Encoding')
    expect(cached.headers['x-request-id']).toBe('cached-page-0001')
    expect(cached.headers['cache-control']).toBe(rendered.headers['cache-control'])
    expect(cached.headers['content-security-policy']).toBe(rendered.headers['content-security-policy'])
    expect(cached.text).toBe(rendered.text)
    // The cached page is logged like any other request (the line reaches us through a pipe).
    await expect.poll(() => shop.shop.output(), { timeout: 5000 }).toContain('cached-page-0001')

    const gzip = await raw(url, { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gzip.text).toBe(rendered.text)
    const plain = await raw(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.text).toBe(rendered.text)
  })

  it('the stylesheet too', async () => {
    const page = await raw(`${shop.shop.url}/`)
    const stylesheet = /<link[^>]+href="([^"]+\.css)"/.exec(page.text)?.[1]
    expect(stylesheet).toBeDefined()
    const css = await raw(`${shop.shop.url}${stylesheet}`, { 'accept-encoding': 'gzip' })
    expect(css.status).toBe(200)
    expect(css.headers['content-encoding']).toBe('gzip')
    expect(css.text).toMatch(/\{/)
  })
})

describe('cached pages and edits', () => {
  it('an edit in the CMS reaches a page the cache answered before', async () => {
    const url = `${shop.shop.url}/?sort=newest`
    await raw(url, { 'accept-encoding': 'br' })
    expect((await raw(url, { 'accept-encoding': 'br' })).text).not.toContain('Durian Puffs')
    const token = await login(shop.cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
    const created = await rest(shop.cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Durian Puffs', price: 650, quantity: 5, _status: 'published' },
    })
    expect(created.status).toBe(201)
    expect((await raw(url, { 'accept-encoding': 'br' })).text).toContain('Durian Puffs')
  })
})
