/**
 * Two CMS replicas and two storefront replicas on one database (one SQLite file in WAL mode, or
 * one MongoDB database on the MongoDB leg), as behind load balancers: same secret, same media
 * folder, nobody knowing anybody's address. Shop 1 reads CMS A, shop 2 reads CMS B. What holds:
 * an edit through A reaches both shops within a poll; the login allowance is one allowance; an
 * image uploaded through A is served by B; and `kill -9` of B in the middle of writes loses no
 * acknowledged write while A keeps serving.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseKind, FERRETDB_LACKS, freshDatabaseUri, knownDifference } from '../helpers/database'
import { pngImage, upload, uploadForm } from '../helpers/files'
import { login, type RestResponse, rest } from '../helpers/rest'
import { type Cms, type Server, startCms, startStorefront, TEST_ADMIN_PASSWORD } from '../helpers/servers'

const AUTH_RATE_LIMIT = 6
const leg = databaseKind()

let a: Cms
let b: Cms
let shops: Server[] = []
let token: string
const started = performance.now()

beforeAll(async () => {
  const env = {
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    MEDIA_DIR: mkdtempSync(path.join(os.tmpdir(), 'minimart-shared-media-')),
    AUTH_RATE_LIMIT: String(AUTH_RATE_LIMIT),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: '300',
    // Client addresses are simulated through X-Forwarded-For, as a load balancer would send them.
    TRUST_PROXY: 'true',
    // The push purge goes nowhere: the shops learn of edits only by polling their CMS.
    STOREFRONT_URL: 'http://127.0.0.1:9',
  }
  const databaseUri = freshDatabaseUri()
  const shopEnv = { CMS_CACHE_SECONDS: '300', CATALOGUE_POLL_MS: '500' }
  // A first, so that one process applies the migrations; then B beside shop 1, then shop 2 on B.
  a = await startCms({ databaseUri, env })
  const [startedB, shop1] = await Promise.all([startCms({ databaseUri, env }), startStorefront(a.url, shopEnv)])
  b = startedB
  shops = [shop1, await startStorefront(b.url, shopEnv)]
  token = await login(a.url, 'unclepat', TEST_ADMIN_PASSWORD)
  console.log(`[cms-replicas:${leg}] two CMS and two shops up in ${Math.round(performance.now() - started)} ms`)
})
afterAll(async () => {
  await Promise.all(shops.map((shop) => shop.stop()))
  await Promise.all([a?.stop(), b?.stop()])
  console.log(`[cms-replicas:${leg}] whole file: ${Math.round(performance.now() - started)} ms`)
})

const from = (address: string) => ({ 'x-forwarded-for': address })

/** Milliseconds until `shop` shows `text` at `path` (polled every 50 ms, given up after 10 s). */
async function msUntilShown(shop: Server, path: string, text: string, since: number): Promise<number> {
  while (performance.now() - since < 10_000) {
    if ((await (await fetch(`${shop.url}${path}`)).text()).includes(text)) return Math.round(performance.now() - since)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${shop.url}${path} never showed ${text}`)
}

describe('two CMS replicas on one database', () => {
  it('an edit through CMS A appears on both shops (one reading A, one reading B) within a poll', async () => {
    const created = await rest(a.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Replica Pandan Cake', price: 300, quantity: 5, _status: 'published' },
    })
    expect(created.status).toBe(201)
    const path = `/items/${created.body.doc.slug}`
    for (const shop of shops) await msUntilShown(shop, path, '$3.00', performance.now())

    const edited = performance.now()
    expect((await rest(a.url, `items/${created.body.doc.id}`, { method: 'PATCH', token, body: { price: 450 } })).status).toBe(200)
    const delays = await Promise.all(shops.map((shop) => msUntilShown(shop, path, '$4.50', edited)))
    console.log(`[cms-replicas:${leg}] edit through A → visible on shop 1 (via A) ${delays[0]} ms, shop 2 (via B) ${delays[1]} ms`)
    // Not the cache expiring (300 s): each shop polled the version and dropped its pages.
    for (const shop of shops) expect(await (await fetch(`${shop.url}${path}`)).text()).not.toContain('$3.00')
  })

  it('shares one login allowance: attempts through A and B add up to AUTH_RATE_LIMIT', async () => {
    const attempt = (cms: Cms) =>
      rest(cms.url, 'users/login', { method: 'POST', headers: from('203.0.113.50'), body: { username: 'nobody-here', password: 'guess' } })
    const statuses: number[] = []
    for (let n = 0; n < AUTH_RATE_LIMIT; n++) statuses.push((await attempt(n % 2 ? b : a)).status)
    expect(statuses).toEqual(Array(AUTH_RATE_LIMIT).fill(401))
    for (const cms of [a, b]) {
      const refused = await attempt(cms)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(refused.body.errors[0].message).toMatch(/too many attempts/i)
    }
  })

  knownDifference(FERRETDB_LACKS.atomicUpdates)('counts concurrent attempts on both replicas without losing one', async () => {
    const attempts = 2 * AUTH_RATE_LIMIT
    const answers = await Promise.all(
      Array.from({ length: attempts }, (_, n) =>
        rest(n % 2 ? b.url : a.url, 'users/forgot-password', {
          method: 'POST',
          headers: from('203.0.113.51'),
          body: { username: 'unclepat' },
        }),
      ),
    )
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses).toEqual([...Array(AUTH_RATE_LIMIT).fill(200), ...Array(attempts - AUTH_RATE_LIMIT).fill(429)])
  })

  it('shares the login throttle: wrong passwords through A and B add up for one account and address', async () => {
    const created = await rest(a.url, 'users', {
      method: 'POST',
      token,
      body: { username: 'rahim', password: 'rahim-right-password', roles: ['staff'] },
    })
    expect(created.status).toBe(201)
    const tryLogin = (cms: Cms, password: string, address: string) =>
      rest(cms.url, 'users/login', { method: 'POST', headers: from(address), body: { username: 'rahim', password } })
    // Five wrong passwords (FAILURES_BEFORE_WAIT), alternating between the replicas.
    for (let n = 1; n <= 5; n++) expect((await tryLogin(n % 2 ? a : b, `wrong-${n}`, '203.0.113.52')).status).toBe(401)
    // Each replica alone has seen fewer than five; together they make the address wait.
    const refused = await tryLogin(a, 'rahim-right-password', '203.0.113.52')
    expect(refused.status).toBe(401)
    expect(refused.body.token).toBeUndefined()
    // The owner, from another address, gets in through either.
    expect((await tryLogin(b, 'rahim-right-password', '198.51.100.52')).status).toBe(200)
  })

  it('serves through B an image uploaded through A', async () => {
    const image = await pngImage({ width: 640, height: 480, colour: '#2e8b57' })
    const uploaded = await upload(
      a.url,
      'media',
      uploadForm({ data: image, name: 'replica-kaya.png', type: 'image/png' }, { alt: 'Kaya jar' }),
      { authorization: `JWT ${token}` },
    )
    expect(uploaded.status).toBe(201)
    const { url, sizes } = uploaded.body.doc as { url: string; sizes: Record<string, { url: string | null }> }
    for (const file of [url, sizes.card.url!]) {
      const fromA = await fetch(new URL(file, a.url))
      const fromB = await fetch(new URL(file, b.url))
      expect(fromB.status).toBe(200)
      expect(fromB.headers.get('content-type')).toMatch(/^image\//)
      expect(Buffer.from(await fromB.arrayBuffer())).toEqual(Buffer.from(await fromA.arrayBuffer()))
    }
  })

  it('kill -9 of B during a stream of writes loses no acknowledged write, and A keeps serving', async () => {
    type Write = { cms: 'A' | 'B'; name: string; answer?: RestResponse; failed?: string; afterKill: boolean }
    const writes: Write[] = []
    let killed = false
    let stop = false
    const writer = async (cms: Cms, label: 'A' | 'B') => {
      for (let n = 0; !stop; n++) {
        const write: Write = { cms: label, name: `Stream ${label} ${n} ${randomBytes(3).toString('hex')}`, afterKill: killed }
        writes.push(write)
        try {
          write.answer = await rest(cms.url, 'items', { method: 'POST', token, body: { name: write.name, price: 100 + n, quantity: 1 } })
        } catch (error) {
          write.failed = String((error as Error).cause ?? error)
          if (label === 'B') return
        }
      }
    }
    const acknowledged = (label: 'A' | 'B') => writes.filter((w) => w.cms === label && w.answer && w.answer.status < 300)
    const streams = [writer(a, 'A'), writer(b, 'B')]
    while (acknowledged('B').length < 5) await new Promise((resolve) => setTimeout(resolve, 20))
    // Mid-stream: B has a write in flight (or about to be) when it dies.
    process.kill(-b.process.pid!, 'SIGKILL')
    killed = true
    await b.exited
    const afterKill = acknowledged('A').length
    while (acknowledged('A').length < afterKill + 5) await new Promise((resolve) => setTimeout(resolve, 20))
    stop = true
    await Promise.all(streams)

    // A never failed, before or after; some of its writes came after the kill.
    const fromA = writes.filter((w) => w.cms === 'A')
    expect(fromA.filter((w) => w.failed || (w.answer && w.answer.status >= 300)).map((w) => w.failed ?? w.answer?.body)).toEqual([])
    expect(fromA.filter((w) => w.afterKill).length).toBeGreaterThan(0)
    // Every write either replica acknowledged is there, as A reads it now.
    const confirmed = writes.filter((w) => w.answer && w.answer.status < 300)
    const stored = await rest(a.url, `items?where[name][like]=Stream&limit=1000&depth=0&draft=true`, { token })
    expect(stored.status).toBe(200)
    const names = new Set((stored.body.docs as { name: string }[]).map((doc) => doc.name))
    expect(confirmed.filter((w) => !names.has(w.name)).map((w) => `${w.cms}: ${w.name}`)).toEqual([])
    const lostInFlight = writes.filter((w) => w.cms === 'B' && w.failed).length
    console.log(
      `[cms-replicas:${leg}] kill -9 of B: ${acknowledged('B').length} writes acknowledged by B, ${fromA.length} by A ` +
        `(${fromA.filter((w) => w.afterKill).length} after the kill), ${lostInFlight} in flight at the kill; none lost`,
    )
    // And A still serves reads and logins.
    expect(
      (await rest(a.url, 'users/login', { method: 'POST', body: { username: 'unclepat', password: TEST_ADMIN_PASSWORD } })).status,
    ).toBe(200)
  })
})
