/**
 * "Preview on the shop": staff open a signed, short-lived link (shared/preview.ts) that shows an
 * item's current draft on the shop's real item page, never cached and never indexed; anyone
 * else, and any link that is altered, expired or for another item, gets the public page.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PREVIEW_DRAFT_PATH, PREVIEW_LINK_SECONDS, previewFetchToken, signPreview } from '../../shared/preview.ts'
import { type Callers, setUpCallers } from '../helpers/callers'
import { freshDatabaseUri } from '../helpers/database'
import { rest } from '../helpers/rest'
import { paragraph } from '../helpers/richText'
import { type Shop, startShop, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let stack: Shop
let callers: Callers
/** On sale at $12.00; its saved draft says $9.90 and has a new description. */
let onSale: { id: number | string; slug: string }
/** Never published. */
let comingSoon: { id: number | string; slug: string }

const PAYLOAD_SECRET = randomBytes(32).toString('hex')

beforeAll(async () => {
  stack = await startShop({
    cms: { databaseUri: freshDatabaseUri(), env: { PAYLOAD_SECRET } },
    // The CMS's push purge only (no catalogue-version polling), so what is cached is deterministic.
    shopEnv: { CMS_CACHE_SECONDS: '300', CATALOGUE_POLL_MS: '0' },
  })
  callers = await setUpCallers(stack.cms.url, TEST_ADMIN_PASSWORD, PAYLOAD_SECRET)
  const create = async (body: Record<string, unknown>) => {
    const response = await rest(stack.cms.url, 'items', { method: 'POST', token: callers.staffToken, body })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }
  onSale = await create({
    name: 'Preview Kaya Jar',
    price: 1200,
    quantity: 8,
    _status: 'published',
    description: paragraph('Made on Tuesdays.'),
  })
  const draft = await rest(stack.cms.url, `items/${onSale.id}?draft=true`, {
    method: 'PATCH',
    token: callers.staffToken,
    body: { price: 990, description: paragraph('Now with pandan.'), _status: 'draft' },
  })
  expect(draft.status, JSON.stringify(draft.body)).toBe(200)
  comingSoon = await create({ name: 'Preview Mooncake Box', price: 3800, quantity: 3, _status: 'draft' })
}, 180_000)
afterAll(async () => {
  await stack?.stop()
})

/** Asks the CMS for a preview link as `headers` (a caller), without following the redirect. */
const askForLink = (id: number | string, headers: Record<string, string>) =>
  fetch(`${stack.cms.url}/api/items/${id}/preview`, { headers, redirect: 'manual' })

/** The shop's answer to `url` (a full URL or a path), without following redirects. */
async function shop(url: string) {
  const response = await fetch(new URL(url, stack.shop.url), { redirect: 'manual' })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

async function staffLink(id: number | string): Promise<string> {
  const response = await askForLink(id, callers.staff)
  expect(response.status).toBe(302)
  return response.headers.get('location')!
}

const tokenOf = (link: string): string => new URL(link).searchParams.get('preview')!

describe('preview links from the admin', () => {
  it('staff get a redirect to the item page on the shop with a signed, expiring token, never stored', async () => {
    const response = await askForLink(onSale.id, callers.staff)
    expect(response.status).toBe(302)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const link = new URL(response.headers.get('location')!)
    expect(link.origin).toBe(stack.shop.url)
    expect(link.pathname).toBe(`/items/${onSale.slug}`)
    const [id, expires, signature] = tokenOf(link.href).split('.')
    expect(id).toBe(String(onSale.id))
    expect(Number(expires) * 1000 - Date.now()).toBeGreaterThan((PREVIEW_LINK_SECONDS - 60) * 1000)
    expect(Number(expires) * 1000 - Date.now()).toBeLessThanOrEqual(PREVIEW_LINK_SECONDS * 1000)
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // Two links differ only when made in different seconds; they are never guessable from the id.
    expect(link.href).not.toContain(stack.secret)
    expect((await askForLink(onSale.id, callers.admin)).status).toBe(302)
  })

  it.each(['anonymous', 'apiKey', 'garbageToken', 'forgedToken', 'expiredToken', 'unknownApiKey'] as const)(
    '%s gets no link',
    async (caller) => {
      const response = await askForLink(onSale.id, callers[caller])
      expect([401, 403]).toContain(response.status)
      expect(response.headers.get('location')).toBeNull()
    },
  )

  it('an item that does not exist gets a 404', async () => {
    expect((await askForLink(999_999, callers.staff)).status).toBe(404)
    expect((await askForLink('not-an-id', callers.staff)).status).toBe(404)
  })
})

describe('the preview page on the shop', () => {
  it('shows the current draft on the real item page, with the banner, never cached, not indexed', async () => {
    const page = await shop(await staffLink(onSale.id))
    expect(page.status).toBe(200)
    expect(page.text).toContain('Preview — not on sale yet')
    expect(page.text).toContain('$9.90')
    expect(page.text).toContain('Now with pandan.')
    expect(page.text).not.toContain('$12.00')
    // The same page as shoppers get: its heading, stock badge, breadcrumb and JSON-LD.
    expect(page.text).toMatch(/<h1[^>]*>Preview Kaya Jar<\/h1>/)
    expect(page.text).toContain('aria-label="Breadcrumb"')
    expect(page.text).toContain('"price":"9.90"')
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.headers.get('x-robots-tag')).toBe('noindex')
    expect(page.text).toMatch(/<meta name="robots" content="noindex/)
    expect(page.headers.get('x-cache')).toBeNull()
  })

  it('a never-published item can be previewed; the public page stays a 404', async () => {
    const page = await shop(await staffLink(comingSoon.id))
    expect(page.status).toBe(200)
    expect(page.text).toContain('Preview Mooncake Box')
    expect(page.text).toContain('$38.00')
    expect((await shop(`/items/${comingSoon.slug}`)).status).toBe(404)
  })

  it('neither poisons nor reads the page cache: public and preview pages stay apart, each time', async () => {
    const publicPath = `/items/${onSale.slug}`
    const link = await staffLink(onSale.id)
    for (let round = 0; round < 3; round++) {
      const pub = await shop(publicPath)
      expect(pub.text).toContain('$12.00')
      expect(pub.text).not.toContain('$9.90')
      expect(pub.text).not.toContain('not on sale yet')
      if (round > 0) expect(pub.headers.get('x-cache')).toBe('HIT')
      const preview = await shop(link)
      expect(preview.text).toContain('$9.90')
      expect(preview.headers.get('x-cache')).toBeNull()
    }
    // A later draft shows at once in the preview (nothing cached), and never on the public page.
    const saved = await rest(stack.cms.url, `items/${onSale.id}?draft=true`, {
      method: 'PATCH',
      token: callers.staffToken,
      body: { price: 950, _status: 'draft' },
    })
    expect(saved.status).toBe(200)
    expect((await shop(link)).text).toContain('$9.50')
    expect((await shop(publicPath)).text).toContain('$12.00')
  })

  it('an altered, expired, foreign or missing signature gets the public page, never the draft', async () => {
    const [id, expires, signature] = tokenOf(await staffLink(onSale.id)).split('.')
    const otherSignature = tokenOf(await staffLink(comingSoon.id)).split('.')[2]
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A')
    const badTokens = {
      altered: `${id}.${expires}.${flipped}`,
      'later expiry': `${id}.${Number(expires) + 3600}.${signature}`,
      "another item's signature": `${id}.${expires}.${otherSignature}`,
      expired: signPreview(stack.secret, onSale.id, Date.now() - (PREVIEW_LINK_SECONDS + 5) * 1000),
      'signed with another secret': signPreview(randomBytes(32).toString('hex'), onSale.id),
      missing: `${id}.${expires}.`,
      empty: '',
      garbage: '<script>alert(1)</script>',
    }
    for (const [what, token] of Object.entries(badTokens)) {
      const answer = await shop(`/items/${onSale.slug}?preview=${encodeURIComponent(token)}`)
      expect(answer.status, what).toBe(302)
      expect(answer.headers.get('location'), what).toBe(`/items/${onSale.slug}`)
      expect(answer.headers.get('cache-control'), what).toBe('no-store')
      expect(answer.text, what).not.toContain('$9')
      const followed = await shop(answer.headers.get('location')!)
      expect(followed.text, what).toContain('$12.00')
      expect(followed.text, what).not.toContain('not on sale yet')
    }
    // A never-published item's public page, reached with a bad link: a 404.
    const expired = signPreview(stack.secret, comingSoon.id, Date.now() - (PREVIEW_LINK_SECONDS + 5) * 1000)
    const answer = await shop(`/items/${comingSoon.slug}?preview=${expired}`)
    expect(answer.status).toBe(302)
    expect((await shop(answer.headers.get('location')!)).status).toBe(404)
  })

  it("a token for one item on another item's page shows that token's item, never mixes them", async () => {
    const page = await shop(`/items/${onSale.slug}?preview=${tokenOf(await staffLink(comingSoon.id))}`)
    expect(page.text).toContain('Preview Mooncake Box')
    expect(page.text).not.toContain('Preview Kaya Jar')
  })
})

describe('the draft fetch the shop makes', () => {
  const draftUrl = (token: string) => `${stack.cms.url}${PREVIEW_DRAFT_PATH}?token=${encodeURIComponent(token)}`

  it('answers only the shop (its credential) and only for a valid link, never stored', async () => {
    const token = tokenOf(await staffLink(onSale.id))
    const shopCredential = { authorization: `Bearer ${previewFetchToken(stack.secret)}` }
    const ok = await fetch(draftUrl(token), { headers: shopCredential })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('cache-control')).toBe('no-store')
    expect(((await ok.json()) as { price: number }).price).toBe(950)

    // A copied link alone (anyone, staff, an API key, the purge secret itself) reads nothing.
    for (const headers of [
      callers.anonymous,
      callers.staff,
      callers.admin,
      callers.apiKey,
      { authorization: `Bearer ${stack.secret}` },
      { authorization: `Bearer ${previewFetchToken(randomBytes(32).toString('hex'))}` },
    ]) {
      const response = await fetch(draftUrl(token), { headers })
      expect(response.status, JSON.stringify(headers)).toBe(401)
      expect(await response.text()).not.toContain('950')
    }
    // The shop's credential with a bad link reads nothing either.
    const expired = signPreview(stack.secret, onSale.id, Date.now() - (PREVIEW_LINK_SECONDS + 5) * 1000)
    for (const bad of [expired, `${token}x`, '', 'nonsense']) {
      expect((await fetch(draftUrl(bad), { headers: shopCredential })).status, bad).toBe(403)
    }
  })
})
