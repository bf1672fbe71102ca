/**
 * Item photos (the media collection: images only, size-limited, alt text required, resized by
 * sharp to the shop's sizes) and the optional, unique, validated SKU.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FERRETDB_LACKS, ferretDbLacks, freshDatabaseUri } from '../helpers/database'
import { pngImage, upload, uploadForm } from '../helpers/files'
import { fieldMessages, login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let token: string
const auth = () => ({ authorization: `JWT ${token}` })
const mediaCount = async () => (await rest(cms.url, 'media?limit=1', { token })).body.totalDocs

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri() })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
})
afterAll(() => cms?.stop())

describe('images', () => {
  it("are resized to the shop's sizes (WebP) and served publicly", async () => {
    const photo = await pngImage({ width: 1600, height: 1200 })
    const created = await upload(
      cms.url,
      'media',
      uploadForm({ data: photo, name: 'kaya jar.png', type: 'image/png' }, { alt: 'Jar of kaya' }),
      auth(),
    )
    expect(created.status).toBe(201)
    const { doc } = created.body
    expect(doc).toMatchObject({ alt: 'Jar of kaya', mimeType: 'image/png', width: 1600, height: 1200 })
    expect(doc.sizes.thumbnail).toMatchObject({ width: 160, height: 160, mimeType: 'image/webp' })
    expect(doc.sizes.card).toMatchObject({ width: 480, height: 360, mimeType: 'image/webp' })
    expect(doc.sizes.large).toMatchObject({ width: 1200, height: 900, mimeType: 'image/webp' })
    for (const url of [doc.url, doc.sizes.card.url]) {
      const file = await fetch(new URL(url, cms.url)) // anonymous, as a shopper's browser
      expect(file.status).toBe(200)
      expect(file.headers.get('x-content-type-options')).toBe('nosniff')
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata()
      expect(meta.width).toBeGreaterThan(0)
    }

    // An item shows its photo.
    const item = await rest(cms.url, 'items?depth=1', {
      method: 'POST',
      token,
      body: { name: 'Kaya Spread', price: 480, quantity: 3, image: doc.id, _status: 'published' },
    })
    expect(item.status).toBe(201)
    const shown = await rest(cms.url, `items/${item.body.doc.id}?depth=1`)
    expect(shown.body.image).toMatchObject({ id: doc.id, alt: 'Jar of kaya' })
    expect(shown.body.image.sizes.card.url).toMatch(/\.webp$/)
  })

  it('need alt text', async () => {
    const before = await mediaCount()
    const response = await upload(
      cms.url,
      'media',
      uploadForm({ data: await pngImage(), name: 'x.png', type: 'image/png' }, { alt: '   ' }),
      auth(),
    )
    expect(response.status).toBe(400)
    expect(fieldMessages(response.body).alt).toMatch(/describe the picture/i)
    expect(await mediaCount()).toBe(before)
  })

  it('must really be images: HTML or SVG named .png is refused', async () => {
    const before = await mediaCount()
    const html = await upload(
      cms.url,
      'media',
      uploadForm({ data: '<html><script>alert(1)</script></html>', name: 'evil.png', type: 'image/png' }, { alt: 'x' }),
      auth(),
    )
    expect(html.status).toBe(400)
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    const svgUpload = await upload(
      cms.url,
      'media',
      uploadForm({ data: svg, name: 'logo.svg', type: 'image/svg+xml' }, { alt: 'x' }),
      auth(),
    )
    expect(svgUpload.status).toBe(400)
    expect(await mediaCount()).toBe(before)
  })

  it('may be at most 5 MB: a bigger file gets 413 with a clear message', async () => {
    const before = await mediaCount()
    const huge = await sharp({
      create: { width: 3000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png({ compressionLevel: 0 })
      .toBuffer()
    expect(huge.length).toBeGreaterThan(5 * 1024 * 1024)
    const response = await upload(
      cms.url,
      'media',
      uploadForm({ data: huge, name: 'huge.png', type: 'image/png' }, { alt: 'Huge' }),
      auth(),
    )
    expect(response.status).toBe(413)
    expect(JSON.stringify(response.body)).toMatch(/at most 5 MB/)
    expect(await mediaCount()).toBe(before)
  })

  it('cannot be uploaded by anonymous visitors; a missing file is a 404', async () => {
    const response = await upload(cms.url, 'media', uploadForm({ data: await pngImage(), name: 'x.png', type: 'image/png' }, { alt: 'x' }))
    expect([401, 403]).toContain(response.status)
    expect((await fetch(`${cms.url}/api/media/file/no-such-file.png`)).status).toBe(404)
  })
})

describe('SKU', () => {
  const item = (sku: unknown, name = `SKU test ${Math.random()}`) =>
    rest(cms.url, 'items', { method: 'POST', token, body: { name, price: 100, quantity: 1, sku } })

  it('is optional, trimmed and upper-cased', async () => {
    // SQLite answers null for no SKU; MongoDB leaves the field out of the document (so that its
    // sparse unique index skips it: cms/database/emptyUniqueAsAbsent.ts).
    expect((await item(undefined)).body.doc.sku ?? null).toBeNull()
    expect((await item('')).body.doc.sku ?? null).toBeNull()
    expect((await item('  kaya-400 ')).body.doc.sku).toBe('KAYA-400')
  })

  it('must look like a product code', async () => {
    for (const bad of ['kaya 400', 'KAYA--400', '-KAYA', '<script>', 'X'.repeat(33), 42]) {
      const response = await item(bad)
      expect(response.status, String(bad)).toBe(400)
      expect(Object.keys(fieldMessages(response.body))).toEqual(['sku'])
    }
  })

  it('is unique, whatever its case', async () => {
    expect((await item('MILO-1')).status).toBe(201)
    const again = await item('milo-1')
    expect(again.status).toBe(400)
    if (!ferretDbLacks(FERRETDB_LACKS.duplicateKeyDetails, 'the refusal of a duplicate SKU names the SKU')) {
      expect(Object.keys(fieldMessages(again.body))).toEqual(['sku'])
    }
  })

  it('may be missing on many items, and clearing one frees it', async () => {
    for (const none of [undefined, '', '   ', null, undefined, '']) {
      const response = await item(none)
      expect(response.status, `${JSON.stringify(none)}: ${JSON.stringify(response.body)}`).toBe(201)
      expect(response.body.doc.sku ?? null).toBeNull()
    }
    const tea = await item('TEA-1')
    expect(tea.status).toBe(201)
    const cleared = await rest(cms.url, `items/${tea.body.doc.id}`, { method: 'PATCH', token, body: { sku: '' } })
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200)
    expect(cleared.body.doc.sku ?? null).toBeNull()
    expect((await rest(cms.url, `items/${tea.body.doc.id}?depth=0`, { token })).body.sku ?? null).toBeNull()
    // Cleared twice, and another item without a SKU: still fine; and TEA-1 is free again.
    expect((await rest(cms.url, `items/${tea.body.doc.id}`, { method: 'PATCH', token, body: { sku: null, quantity: 2 } })).status).toBe(200)
    expect((await item('tea-1')).status).toBe(201)
    const none = await rest(cms.url, 'items?where[sku][exists]=false&limit=0&depth=0', { token })
    expect(none.body.totalDocs).toBeGreaterThanOrEqual(7)
  })

  it('is searchable in the inventory list (name or SKU)', async () => {
    const found = await rest(cms.url, 'items?where[or][0][name][like]=kaya-400&where[or][1][sku][like]=kaya-400&depth=0', { token })
    expect(found.body.docs.map((doc: { sku: string }) => doc.sku)).toEqual(['KAYA-400'])
  })
})

describe("the Items list's search (the latest versions by name or SKU, as the admin asks)", () => {
  const search = async (words: string, draft = true) => {
    const q = encodeURIComponent(words)
    const response = await rest(
      cms.url,
      `items?draft=${draft}&depth=0&limit=100&sort=name&where[or][0][name][like]=${q}&where[or][1][sku][like]=${q}`,
      { token },
    )
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return (response.body.docs as Array<{ name: string }>).map((doc) => doc.name)
  }

  it('finds any part of a name or SKU, each word anywhere, in any case', async () => {
    const create = (body: Record<string, unknown>) => rest(cms.url, 'items', { method: 'POST', token, body })
    for (const body of [
      { name: 'Pandan Chiffon Cake', sku: 'CAKE-PANDAN-1', price: 650, quantity: 3, _status: 'published' },
      { name: 'Pandan Kaya Toast', price: 300, quantity: 5, _status: 'published' },
      { name: 'Chiffon Ribbon', sku: 'RIB-2', price: 120, quantity: 0, _status: 'draft' },
    ])
      expect((await create(body)).status).toBe(201)
    expect(await search('pandan')).toEqual(['Pandan Chiffon Cake', 'Pandan Kaya Toast'])
    expect(await search('CHIFFON')).toEqual(['Chiffon Ribbon', 'Pandan Chiffon Cake'])
    expect(await search('cake pandan')).toEqual(['Pandan Chiffon Cake'])
    expect(await search('cake-pan')).toEqual(['Pandan Chiffon Cake'])
    expect(await search('rib-2')).toEqual(['Chiffon Ribbon'])
    expect(await search('andan aya')).toEqual(['Pandan Kaya Toast'])
    expect(await search('pandan nothing')).toEqual([])
    expect(await search('zzzzzz')).toEqual([])
    // Words an index cannot serve (two letters) are Payload's own LIKE: the same answers.
    expect(await search('pa ca')).toEqual(['Pandan Chiffon Cake'])
  })

  it('sees the latest draft, not the published name, and nothing deleted', async () => {
    const created = await rest(cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Durian Puff Box', price: 900, quantity: 2, _status: 'published' },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const renamed = await rest(cms.url, `items/${id}?draft=true`, { method: 'PATCH', token, body: { name: 'Durian Mochi Box' } })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    expect(await search('mochi')).toEqual(['Durian Mochi Box'])
    expect(await search('puff')).toEqual([])
    // The published item (what shoppers see) still has its published name.
    expect(await search('puff', false)).toEqual(['Durian Puff Box'])
    expect((await rest(cms.url, `items/${id}`, { method: 'DELETE', token })).status).toBe(200)
    expect(await search('durian')).toEqual([])
  })

  it('agrees with the published list where no draft is pending', async () => {
    for (const words of ['pandan', 'chiffon cake', 'kaya', 'toast pan', 'cake-pandan-1', 'qqq'])
      expect(await search(words), words).toEqual(await search(words, false))
  })
})
