/**
 * SEO per item (@payloadcms/plugin-seo's `meta` group on items): editable by staff within clear
 * length limits, readable by anyone for published items only, and used by the shop's item page
 * (title, description, Open Graph image, JSON-LD), falling back to the name, the start of the
 * description and the photo when empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { pngImage, upload, uploadForm } from '../helpers/files'
import { fieldMessages, login, rest } from '../helpers/rest'
import { paragraph } from '../helpers/richText'
import { type Shop, startShop, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let shop: Shop
let token: string

beforeAll(async () => {
  shop = await startShop({ cms: { databaseUri: freshDatabaseUri() } })
  token = await login(shop.cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
})
afterAll(() => shop?.stop())

async function itemPage(slug: string) {
  const response = await fetch(`${shop.shop.url}/items/${slug}`)
  expect(response.status).toBe(200)
  const html = await response.text()
  const attribute = (pattern: RegExp) =>
    pattern
      .exec(html)?.[1]
      ?.replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
  const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}')
  return {
    title: attribute(/<title>([^<]*)<\/title>/),
    description: attribute(/<meta name="description" content="([^"]*)"/),
    ogTitle: attribute(/<meta property="og:title" content="([^"]*)"/),
    ogImage: attribute(/<meta property="og:image" content="([^"]*)"/),
    jsonLd,
  }
}

describe('SEO fields of an item', () => {
  it('default on the shop to the name, the start of the description and the photo', async () => {
    const photo = await upload(
      shop.cms.url,
      'media',
      uploadForm({ data: await pngImage(), name: 'milo.png', type: 'image/png' }, { alt: 'A tin of Milo' }),
      {
        authorization: `JWT ${token}`,
      },
    )
    expect(photo.status).toBe(201)
    const created = await rest(shop.cms.url, 'items', {
      method: 'POST',
      token,
      body: {
        name: 'Milo Tin 400 g',
        price: 890,
        quantity: 10,
        image: photo.body.doc.id,
        description: paragraph('Chocolate malt drink powder. Stir three spoons into hot milk.'),
        _status: 'published',
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const page = await itemPage('milo-tin-400-g')
    expect(page.title).toBe("Milo Tin 400 g · Uncle Pat's Minimart")
    expect(page.description).toBe('Chocolate malt drink powder. Stir three spoons into hot milk.')
    expect(page.ogImage).toContain('/api/media/file/milo')
    expect(page.jsonLd).toMatchObject({ '@type': 'Product', name: 'Milo Tin 400 g', description: page.description, image: page.ogImage })
  })

  it('set by staff replace the defaults in the head and the JSON-LD', async () => {
    const photo = await upload(
      shop.cms.url,
      'media',
      uploadForm({ data: await pngImage({ colour: '#224488' }), name: 'milo-share.png', type: 'image/png' }, { alt: 'Milo for sharing' }),
      {
        authorization: `JWT ${token}`,
      },
    )
    const { body } = await rest(shop.cms.url, 'items?where[slug][equals]=milo-tin-400-g&depth=0', { token })
    const id = body.docs[0].id
    const updated = await rest(shop.cms.url, `items/${id}`, {
      method: 'PATCH',
      token,
      body: {
        meta: {
          title: '  Milo 400 g tin — the breakfast drink  ',
          description: 'Milo at Uncle Pat’s: open daily 7 am to 11 pm.',
          image: photo.body.doc.id,
        },
      },
    })
    expect(updated.status, JSON.stringify(updated.body)).toBe(200)
    expect(updated.body.doc.meta.title).toBe('Milo 400 g tin — the breakfast drink')
    await expect.poll(async () => (await itemPage('milo-tin-400-g')).title).toBe('Milo 400 g tin — the breakfast drink')
    const page = await itemPage('milo-tin-400-g')
    expect(page.ogTitle).toBe(page.title)
    expect(page.description).toBe('Milo at Uncle Pat’s: open daily 7 am to 11 pm.')
    expect(page.ogImage).toContain('/api/media/file/milo-share')
    expect(page.jsonLd).toMatchObject({ name: 'Milo Tin 400 g', description: page.description, image: page.ogImage })
  })

  it('refuse a title or description that is too long with a 400 naming the field, changing nothing', async () => {
    const { body } = await rest(shop.cms.url, 'items?where[slug][equals]=milo-tin-400-g&depth=0', { token })
    const id = body.docs[0].id
    const tooLong = await rest(shop.cms.url, `items/${id}`, {
      method: 'PATCH',
      token,
      body: { meta: { title: 'x'.repeat(121), description: 'y'.repeat(321) } },
    })
    expect(tooLong.status).toBe(400)
    const messages = fieldMessages(tooLong.body)
    expect(messages['meta.title']).toMatch(/120/)
    expect(messages['meta.description']).toMatch(/320/)
    const after = await rest(shop.cms.url, `items/${id}?depth=0`, { token })
    expect(after.body.meta.title).toBe('Milo 400 g tin — the breakfast drink')
    const wrongType = await rest(shop.cms.url, `items/${id}`, { method: 'PATCH', token, body: { meta: { title: { evil: true } } } })
    expect(wrongType.status).toBe(400)
    expect(Object.keys(fieldMessages(wrongType.body))).toEqual(['meta.title'])
    // The whole group as null (Payload would fail on it with a 500): a 400 naming the group.
    const nullGroup = await rest(shop.cms.url, `items/${id}`, { method: 'PATCH', token, body: { meta: null } })
    expect(nullGroup.status).toBe(400)
    expect(Object.keys(fieldMessages(nullGroup.body))).toEqual(['meta'])
  })

  it('are public for published items only', async () => {
    await rest(shop.cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Secret Draft', price: 100, quantity: 1, meta: { title: 'Not yet on sale' }, _status: 'draft' },
    })
    const published = await rest(shop.cms.url, 'items?where[slug][equals]=milo-tin-400-g&depth=0')
    expect(published.body.docs[0].meta.title).toBe('Milo 400 g tin — the breakfast drink')
    const draft = await rest(shop.cms.url, 'items?where[slug][equals]=secret-draft&depth=0')
    expect(draft.body.docs).toEqual([])
    expect((await fetch(`${shop.shop.url}/items/secret-draft`)).status).toBe(404)
  })
})

describe("the shop's sitemap files", () => {
  const get = async (path: string) => {
    const response = await fetch(`${shop.shop.url}${path}`)
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
  }

  it('list the published items in /sitemap.xml, and the same split into parts under /sitemap/', async () => {
    const created = await rest(shop.cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Sitemap Sardines 155 g', price: 250, quantity: 4, _status: 'published' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const whole = await get('/sitemap.xml')
    expect(whole.status).toBe(200)
    expect(whole.type).toContain('application/xml')
    // A catalogue this small fits one file: the sitemap itself, not an index of parts.
    expect(whole.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    expect(whole.body).toContain(`<loc>${shop.shop.url}/</loc>`)
    expect(whole.body).toMatch(new RegExp(`<loc>${shop.shop.url}/items/sitemap-sardines-155-g</loc><lastmod>\\d{4}-`))

    const aisles = await get('/sitemap/aisles.xml')
    expect(aisles.status).toBe(200)
    expect(aisles.body).toContain(`<loc>${shop.shop.url}/</loc>`)
    expect(aisles.body).not.toContain('/items/')
    const items = await get('/sitemap/items-1.xml')
    expect(items.status).toBe(200)
    expect(items.body).toContain(`<loc>${shop.shop.url}/items/sitemap-sardines-155-g</loc>`)
    // Every address of the whole sitemap is in exactly one part.
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1])
    expect([...locs(aisles.body), ...locs(items.body)].sort()).toEqual(locs(whole.body).sort())
  })

  it('answer 404 for a part past the last or one that does not exist', async () => {
    for (const path of ['/sitemap/items-2.xml', '/sitemap/items-0.xml', '/sitemap/items-x.xml', '/sitemap/other.xml'])
      expect((await get(path)).status, path).toBe(404)
  })
})
