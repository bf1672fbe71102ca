/**
 * Aisles (the `categories` collection) end to end over HTTP: the API (read by everyone, written by
 * staff, validated, audited), items filtered by aisle for API users, and the shop's aisle pages,
 * menu, sitemap and item links, kept fresh by the CMS's purge when an aisle changes.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FERRETDB_LACKS, ferretDbLacks, freshDatabaseUri } from '../helpers/database'
import { fieldMessages, login, rest } from '../helpers/rest'
import { type Shop, startShop, TEST_ADMIN_PASSWORD } from '../helpers/servers'

type Aisle = { id: number | string; name: string; slug: string; position: number; description?: string | null }

let shop: Shop
let token: string
let apiKey: string
let drinks: Aisle

const DRINKS = [
  'Chrysanthemum Tea (6 cans)',
  'Full Cream Milk 1 L',
  'Isotonic Drink 500 ml',
  'Kopi-O Coffee Powder 500 g',
  'Milo 3-in-1 (18 sachets)',
  'Mineral Water 1.5 L',
]

beforeAll(async () => {
  shop = await startShop({ cms: { databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } } })
  token = await login(shop.cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  apiKey = randomBytes(16).toString('hex')
  const client = await rest(shop.cms.url, 'api-clients', {
    method: 'POST',
    token,
    body: { name: 'Aisle feed', enableAPIKey: true, apiKey },
  })
  expect(client.status).toBe(201)
  drinks = (await rest(shop.cms.url, 'categories?where[slug][equals]=drinks&depth=0')).body.docs[0]
})
afterAll(() => shop?.stop())

const cms = (path: string, options: Parameters<typeof rest>[2] = {}) => rest(shop.cms.url, path, options)
const asStaff = (path: string, method: string, body?: unknown) => cms(path, { method, token, body })
const page = async (path: string) => {
  const response = await fetch(shop.shop.url + path, { redirect: 'manual' })
  return {
    status: response.status,
    location: response.headers.get('location'),
    cache: response.headers.get('x-cache'),
    // Astro's scoped styles add a class to every element; the assertions read the markup without.
    html: (await response.text()).replace(/ class="[^"]*"/g, ''),
  }
}
/** The item slugs of a rendered list, in order. */
const cardsOf = (html: string) => [...html.matchAll(/data-item="([^"]+)"/g)].map((match) => match[1])
const jsonLdOf = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].flatMap((match) => [JSON.parse(match[1])].flat())

describe('the aisles API (/api/categories)', () => {
  it('anyone reads the aisles, in the order of their position', async () => {
    for (const headers of [{}, { authorization: `api-clients API-Key ${apiKey}` }] as Record<string, string>[]) {
      const { status, body } = await cms('categories?depth=0', { headers })
      expect(status).toBe(200)
      expect(body.docs.map((aisle: Aisle) => aisle.name)).toEqual(['Drinks', 'Snacks', 'Breakfast & staples', 'Household', 'Odds & ends'])
      expect(body.docs[0]).toMatchObject({ slug: 'drinks', position: 10, description: expect.stringContaining('Coffee') })
    }
  })

  it('staff create an aisle: the slug comes from the name, the text is trimmed', async () => {
    const { status, body } = await asStaff('categories', 'POST', { name: '  Frozen Food ', position: 60 })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.doc).toMatchObject({ name: 'Frozen Food', slug: 'frozen-food', position: 60 })
    expect((await asStaff(`categories/${body.doc.id}`, 'DELETE')).status).toBe(200)
  })

  it.each([
    ['no name', { position: 1 }, 'name', 'Name is required.'],
    ['a name of spaces', { name: '   ', position: 1 }, 'name', 'Name is required.'],
    [
      'a name with a tab',
      { name: 'Tea\tand coffee', position: 1 },
      'name',
      'Name cannot contain control characters such as tabs or line breaks.',
    ],
    ['a name too long', { name: 'x'.repeat(61), position: 1 }, 'name', 'Name must be at most 60 characters (it has 61).'],
    ['a negative position', { name: 'Bakery', position: -1 }, 'position', 'Position cannot be negative.'],
    ['a fractional position', { name: 'Bakery', position: 1.5 }, 'position', 'Position must be a whole number.'],
    ['a huge position', { name: 'Bakery', position: 10_001 }, 'position', 'Position must be at most 10000.'],
    ['a position that is not a number', { name: 'Bakery', position: 'abc' }, 'position', 'position'],
    [
      'a slug with stray hyphens',
      { name: 'Bakery', slug: '-bread--cakes-', position: 1 },
      'slug',
      'Slug may contain only lowercase letters',
    ],
    [
      'a long description',
      { name: 'Bakery', position: 1, description: 'y'.repeat(301) },
      'description',
      'Description must be at most 300 characters (it has 301).',
    ],
  ])('%s: a 400 naming the field, nothing stored', async (_name, body, field, message) => {
    const before = (await cms('categories?limit=0&depth=0')).body.totalDocs
    const response = await asStaff('categories', 'POST', body)
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    expect(JSON.stringify(response.body)).toContain(message)
    expect(JSON.stringify(response.body)).toContain(`"${field}"`)
    expect((await cms('categories?limit=0&depth=0')).body.totalDocs).toBe(before)
  })

  it('a slug already in use is refused', async () => {
    const response = await asStaff('categories', 'POST', { name: 'Drinks', position: 5 })
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    if (!ferretDbLacks(FERRETDB_LACKS.duplicateKeyDetails, 'the duplicate aisle slug is named')) {
      expect(Object.keys(fieldMessages(response.body))).toContain('slug')
    }
  })

  it('anonymous callers and API keys never write aisles', async () => {
    for (const headers of [{}, { authorization: `api-clients API-Key ${apiKey}` }] as Record<string, string>[]) {
      expect((await cms('categories', { method: 'POST', headers, body: { name: 'Sneaky', position: 1 } })).status).toBe(403)
      expect((await cms(`categories/${drinks.id}`, { method: 'PATCH', headers, body: { name: 'Hacked' } })).status).toBe(403)
      expect((await cms(`categories/${drinks.id}`, { method: 'DELETE', headers })).status).toBe(403)
    }
    expect((await cms(`categories/${drinks.id}?depth=0`)).body.name).toBe('Drinks')
  })

  it('every create, edit and delete of an aisle is in the audit log, with who and what changed', async () => {
    const created = (await asStaff('categories', 'POST', { name: 'Bakery', position: 70 })).body.doc
    await asStaff(`categories/${created.id}`, 'PATCH', { name: 'Bakery & cakes', description: 'Fresh every morning.' })
    await asStaff(`categories/${created.id}`, 'DELETE')
    const { body: entries } = await asStaff(
      `audit-log?where[documentId][equals]=${created.id}&where[collectionSlug][equals]=categories&sort=createdAt&depth=0`,
      'GET',
    )
    // SQLite gives a new aisle the id of one deleted before it: only this aisle's entries.
    const body = { docs: entries.docs.filter((entry: { summary: string }) => entry.summary.includes('Bakery')) }
    expect(
      body.docs.map((entry: { action: string; summary: string; actor: string }) => [entry.action, entry.summary, entry.actor]),
      JSON.stringify(entries.docs),
    ).toEqual([
      ['create', 'Created aisle "Bakery"', 'unclepat'],
      ['update', 'Updated aisle "Bakery & cakes": name, description', 'unclepat'],
      ['delete', 'Deleted aisle "Bakery & cakes"', 'unclepat'],
    ])
    expect(body.docs[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Bakery', after: 'Bakery & cakes' },
        { field: 'description', before: null, after: 'Fresh every morning.' },
      ]),
    )
  })
})

describe('items by aisle, for API users', () => {
  it('where[categories][in]=<id> lists the published items in that aisle, for anonymous callers and API keys alike', async () => {
    const draft = await asStaff('items', 'POST', {
      name: 'Draft Soda 330 ml',
      price: 150,
      quantity: 5,
      categories: [drinks.id],
      _status: 'draft',
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    try {
      for (const headers of [{}, { authorization: `api-clients API-Key ${apiKey}` }] as Record<string, string>[]) {
        const { status, body } = await cms(`items?where[categories][in]=${drinks.id}&sort=name&depth=0&limit=0`, { headers })
        expect(status).toBe(200)
        expect(body.docs.map((item: { name: string }) => item.name)).toEqual(DRINKS)
      }
      // Staff see the draft too.
      const staffView = await asStaff(`items?where[categories][in]=${drinks.id}&draft=true&depth=0&limit=0`, 'GET')
      expect(staffView.body.docs.map((item: { name: string }) => item.name)).toContain('Draft Soda 330 ml')
    } finally {
      await asStaff(`items/${draft.body.doc.id}`, 'DELETE')
    }
  })

  it('an item in two aisles is listed in both; depth=1 names its aisles', async () => {
    const { body } = await cms('items?where[slug][equals]=milo-3-in-1-18-sachets&depth=1')
    expect(body.docs[0].categories.map((aisle: Aisle) => aisle.slug)).toEqual(['drinks', 'breakfast-staples'])
    const breakfast = (await cms('categories?where[slug][equals]=breakfast-staples&depth=0')).body.docs[0]
    const both = await cms(`items?where[categories][in]=${drinks.id},${breakfast.id}&depth=0&limit=0`)
    expect(both.body.docs.filter((item: { slug: string }) => item.slug === 'milo-3-in-1-18-sachets')).toHaveLength(1)
  })

  it('an aisle that does not exist is refused on save: a 400 naming the field, nothing stored', async () => {
    const missing = typeof drinks.id === 'number' ? 999_999 : '0123456789abcdef01234567'
    const response = await asStaff('items', 'POST', { name: 'Ghost Item', price: 100, quantity: 1, categories: [missing] })
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    expect(Object.keys(fieldMessages(response.body))).toContain('categories')
    expect((await asStaff('items?where[name][equals]=Ghost Item&draft=true&depth=0', 'GET')).body.totalDocs).toBe(0)
  })

  it('deleting an aisle takes its items out of it; they save as before', async () => {
    const aisle = (await asStaff('categories', 'POST', { name: 'Seasonal', position: 80 })).body.doc
    const kaya = (await cms('items?where[slug][equals]=kaya-spread-400-g&depth=0')).body.docs[0]
    expect((await asStaff(`items/${kaya.id}`, 'PATCH', { categories: [...kaya.categories, aisle.id] })).status).toBe(200)
    expect((await asStaff(`categories/${aisle.id}`, 'DELETE')).status).toBe(200)
    const after = (await cms(`items/${kaya.id}?depth=0`)).body
    expect(after.categories).toEqual(kaya.categories)
    expect((await asStaff(`items/${kaya.id}`, 'PATCH', { quantity: kaya.quantity })).status).toBe(200)
  })
})

describe('the shop by aisle', () => {
  it('/aisles/drinks lists the aisle, with its title, description, canonical link, breadcrumb and JSON-LD', async () => {
    const { status, html } = await page('/aisles/drinks')
    expect(status).toBe(200)
    expect(html).toContain('<title>Drinks · Uncle Pat&#39;s Minimart</title>')
    expect(html).toMatch(/<h1[^>]*>Drinks<\/h1>/)
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/[^"]+\/aisles\/drinks">/)
    expect(html).toContain('<meta name="description" content="Coffee, tea, malt drinks, milk and water')
    expect(html).toMatch(
      /<nav aria-label="Breadcrumb"[^>]*>\s*<ol>\s*<li><a href="\/">Shop<\/a><\/li>\s*<li><span aria-current="page">Drinks<\/span><\/li>/,
    )
    // The default order: in stock first, then by name (the isotonic drink is sold out).
    expect(cardsOf(html)).toEqual([
      'chrysanthemum-tea-6-cans',
      'full-cream-milk-1-l',
      'kopi-o-coffee-powder-500-g',
      'milo-3-in-1-18-sachets',
      'mineral-water-15-l',
      'isotonic-drink-500-ml',
    ])
    const [list, crumbs] = jsonLdOf(html).filter((data) => data['@type'] !== 'Product')
    expect(list).toMatchObject({ '@type': 'ItemList', name: 'Drinks', numberOfItems: 6 })
    expect(list.itemListElement[0]).toMatchObject({ '@type': 'ListItem', position: 1, name: 'Chrysanthemum Tea (6 cans)' })
    expect(list.itemListElement[0].url).toMatch(/\/items\/chrysanthemum-tea-6-cans$/)
    expect(crumbs['@type']).toBe('BreadcrumbList')
    expect(crumbs.itemListElement.map((crumb: { name: string }) => crumb.name)).toEqual(['Shop', 'Drinks'])
  })

  it('searches, sorts, filters and pages within the aisle, all in the URL', async () => {
    const sorted = await page('/aisles/drinks?sort=price-asc&inStock=1')
    expect(sorted.status).toBe(200)
    expect(cardsOf(sorted.html)).toEqual([
      'mineral-water-15-l',
      'full-cream-milk-1-l',
      'chrysanthemum-tea-6-cans',
      'kopi-o-coffee-powder-500-g',
      'milo-3-in-1-18-sachets',
    ])
    expect(sorted.html).toContain('<meta name="robots" content="noindex, follow">')
    // The filter form posts back to the aisle, with its own search box.
    expect(sorted.html).toMatch(/<form method="get" action="\/aisles\/drinks"/)
    expect(sorted.html).toContain('Search in Drinks')
    const searched = await page('/aisles/drinks?q=tea')
    expect(cardsOf(searched.html)).toEqual(['chrysanthemum-tea-6-cans'])
    // Mangled links go to the tidy address; a page past the end is a 404; a mistyped price a 400.
    expect(await page('/aisles/drinks?page=-3&sort=DROP')).toMatchObject({ status: 302, location: '/aisles/drinks' })
    expect((await page('/aisles/drinks?page=2')).status).toBe(404)
    expect((await page('/aisles/drinks?min=abc')).status).toBe(400)
  })

  it('an aisle that does not exist is a 404', async () => {
    expect((await page('/aisles/no-such-aisle')).status).toBe(404)
    expect((await page('/aisles/DRINKS')).status).toBe(404)
  })

  it('the header menu lists every aisle on every page (no JavaScript needed), and the home page too', async () => {
    for (const path of ['/', '/items/kaya-spread-400-g', '/aisles/snacks', '/no-such-page']) {
      const { html } = await page(path)
      const menu = html.match(/<nav aria-label="Aisles"><details>([\s\S]*?)<\/details>/)?.[1] ?? ''
      expect(
        [...menu.matchAll(/href="(\/aisles\/[^"]+)"/g)].map((match) => match[1]),
        path,
      ).toEqual(['/aisles/drinks', '/aisles/snacks', '/aisles/breakfast-staples', '/aisles/household', '/aisles/odds-and-ends'])
    }
    expect((await page('/aisles/snacks')).html).toMatch(/<a href="\/aisles\/snacks" aria-current="page"/)
    const home = (await page('/')).html
    expect(home).toContain('Shop by aisle')
    expect(home).toMatch(/<section aria-labelledby="aisles-title">/)
  })

  it('the sitemap lists every aisle', async () => {
    const { html } = await page('/sitemap.xml')
    for (const slug of ['drinks', 'snacks', 'breakfast-staples', 'household', 'odds-and-ends'])
      expect(html).toContain(`/aisles/${slug}</loc>`)
  })

  it('an item page links to its aisles; reached from an aisle, its breadcrumb leads back there', async () => {
    const plain = await page('/items/milo-3-in-1-18-sachets')
    expect(plain.html).toContain('<nav aria-label="Aisles with this item">')
    expect(plain.html).toContain('href="/aisles/drinks"')
    expect(plain.html).toContain('href="/aisles/breakfast-staples"')
    const fromAisle = await page('/items/milo-3-in-1-18-sachets?sort=price-asc&aisle=drinks')
    expect(fromAisle.status).toBe(200)
    expect(fromAisle.html).toMatch(
      /<li><a href="\/aisles\/drinks">Drinks<\/a><\/li>\s*<li><a href="\/aisles\/drinks\?sort=price-asc">Price, low to high<\/a><\/li>/,
    )
    // The aisle list links its items that way.
    expect((await page('/aisles/drinks')).html).toContain('href="/items/milo-3-in-1-18-sachets?aisle=drinks"')
    // An aisle the item is not in is dropped, never cached.
    expect(await page('/items/milo-3-in-1-18-sachets?aisle=snacks')).toMatchObject({
      status: 302,
      location: '/items/milo-3-in-1-18-sachets',
    })
  })

  it('an aisle edit is on the shop at once: renamed, added and deleted aisles, on cached pages too', async () => {
    const version = async () => (await fetch(`${shop.cms.url}/api/catalogue-version`).then((response) => response.json())).version
    await page('/aisles/household')
    expect((await page('/aisles/household')).cache).toBe('HIT')
    const before = await version()

    const household = (await cms('categories?where[slug][equals]=household&depth=0')).body.docs[0]
    expect((await asStaff(`categories/${household.id}`, 'PATCH', { name: 'Home & cleaning' })).status).toBe(200)
    expect(await version()).not.toBe(before)
    const renamed = await page('/aisles/household')
    expect(renamed.cache).toBe('MISS')
    expect(renamed.html).toMatch(/<h1[^>]*>Home &amp; cleaning<\/h1>/)
    expect((await page('/')).html).toContain('>Home &amp; cleaning</a>')

    const added = (await asStaff('categories', 'POST', { name: 'Pet food', position: 45 })).body.doc
    expect((await page('/aisles/pet-food')).status).toBe(200)
    expect((await page('/')).html).toContain('href="/aisles/pet-food"')
    await asStaff(`categories/${added.id}`, 'DELETE')
    expect((await page('/aisles/pet-food')).status).toBe(404)
    expect((await page('/')).html).not.toContain('href="/aisles/pet-food"')
  })

  it('moving an item to another aisle moves it on the shop', async () => {
    const snacks = (await cms('categories?where[slug][equals]=snacks&depth=0')).body.docs[0]
    const water = (await cms('items?where[slug][equals]=mineral-water-15-l&depth=0')).body.docs[0]
    expect(cardsOf((await page('/aisles/snacks')).html)).not.toContain('mineral-water-15-l')
    expect((await asStaff(`items/${water.id}`, 'PATCH', { categories: [drinks.id, snacks.id] })).status).toBe(200)
    expect(cardsOf((await page('/aisles/snacks')).html)).toContain('mineral-water-15-l')
    expect((await page('/items/mineral-water-15-l')).html).toContain('href="/aisles/snacks"')
    await asStaff(`items/${water.id}`, 'PATCH', { categories: [drinks.id] })
    expect(cardsOf((await page('/aisles/snacks')).html)).not.toContain('mineral-water-15-l')
  })
})
