/**
 * Shared uploads: with S3_* set, item photos (originals and sharp's sizes) live in an
 * S3-compatible bucket, so every CMS replica serves every image, and deleting the image deletes
 * its objects. Runs on an S3-compatible server on this machine (tests/helpers/s3.ts says which);
 * the CMS reaches it over real HTTP with signed requests, as it would reach S3.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HeadObjectCommand } from '@aws-sdk/client-s3'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { pngImage, upload, uploadForm } from '../helpers/files'
import { login, rest } from '../helpers/rest'
import { startS3, type TestS3 } from '../helpers/s3'
import { type Cms, type Shop, startCms, startCmsExpectingRefusal, startShop, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let s3: TestS3
let shop: Shop
let cmsB: Cms
let token: string
const mediaDirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'minimart-media-unused-')))

beforeAll(async () => {
  s3 = await startS3()
  console.log(`[minimart] S3 uploads: running on ${s3.description}`)
  const databaseUri = freshDatabaseUri()
  // Replicas share the database, the bucket and PAYLOAD_SECRET (a login on one counts on the other).
  const shared = { ...s3.env, PAYLOAD_SECRET: randomBytes(32).toString('hex') }
  shop = await startShop({ cms: { databaseUri, env: { ...shared, MEDIA_DIR: mediaDirs[0] } } })
  // A second CMS process on the same database and bucket, with a media folder of its own.
  cmsB = await startCms({ databaseUri, env: { ...shared, MEDIA_DIR: mediaDirs[1] } })
  const admin = await login(shop.cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  const staff = await rest(shop.cms.url, 'users', {
    method: 'POST',
    token: admin,
    body: { username: 'siti', password: 'siti-test-password', roles: ['staff'] },
  })
  expect(staff.status).toBe(201)
  token = await login(shop.cms.url, 'siti', 'siti-test-password')
})
afterAll(async () => {
  await cmsB?.stop()
  await shop?.stop()
  await s3?.stop()
})

const mediaCount = async () => (await rest(shop.cms.url, 'media?limit=1', { token })).body.totalDocs

describe('uploads in S3-compatible storage (S3_* set)', () => {
  let doc: any

  it('stores the original and every size in the bucket, and nothing on the local disk', async () => {
    const photo = await pngImage({ width: 1600, height: 1200, colour: '#2e8b57' })
    const created = await upload(
      shop.cms.url,
      'media',
      uploadForm({ data: photo, name: 'pandan cake.png', type: 'image/png' }, { alt: 'Pandan chiffon cake' }),
      { authorization: `JWT ${token}` },
    )
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    doc = created.body.doc
    // Same URLs as with a local folder: served through the CMS's file route.
    expect(new URL(doc.url, shop.cms.url).toString()).toBe(`${shop.cms.url}/api/media/file/${encodeURIComponent(doc.filename)}`)
    const sizes = Object.values(doc.sizes) as { filename: string; mimeType: string }[]
    expect(sizes).toHaveLength(3)
    expect(await s3.keys()).toEqual([doc.filename, ...sizes.map((size) => size.filename)].sort())

    const original = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: doc.filename }))
    expect(original.ContentType).toBe('image/png')
    expect(original.ContentLength).toBe(doc.filesize)
    for (const size of sizes) {
      const object = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: size.filename }))
      expect(object.ContentType, size.filename).toBe('image/webp')
    }
    for (const dir of mediaDirs) expect(readdirSync(dir)).toEqual([])
  })

  it("shows the image on the shop's item page, and its URLs answer 200 with the right type", async () => {
    const item = await rest(shop.cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Pandan Cake', slug: 'pandan-cake', price: 650, quantity: 4, image: doc.id, _status: 'published' },
    })
    expect(item.status, JSON.stringify(item.body)).toBe(201)
    const page = await fetch(`${shop.shop.url}/items/pandan-cake`)
    expect(page.status).toBe(200)
    const html = await page.text()
    const img = /<img\b[^>]*\balt="Pandan chiffon cake"[^>]*>/.exec(html)?.[0]
    expect(img, 'the item page has the photo').toBeDefined()
    const src = /\bsrc="([^"]+)"/.exec(img!)![1].replaceAll('&amp;', '&')
    const srcset = (/\bsrcset="([^"]+)"/.exec(img!)?.[1] ?? '').replaceAll('&amp;', '&')
    const urls = [src, ...srcset.split(',').map((candidate) => candidate.trim().split(/\s+/)[0])].filter(Boolean)
    expect(urls.length).toBeGreaterThanOrEqual(3)
    for (const url of urls) {
      const response = await fetch(url) // anonymous, as a shopper's browser
      expect(response.status, url).toBe(200)
      const expected = url.endsWith('.png') ? 'image/png' : 'image/webp'
      expect(response.headers.get('content-type'), url).toBe(expected)
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
      expect(meta.format, url).toBe(expected === 'image/png' ? 'png' : 'webp')
    }
  })

  it('is served by a second CMS process on the same database, which has none of it on disk', async () => {
    const seen = await rest(cmsB.url, `media/${doc.id}`)
    expect(seen.status).toBe(200)
    for (const url of [seen.body.url, seen.body.sizes.card.url]) {
      const fromA = await fetch(new URL(url, shop.cms.url))
      const fromB = await fetch(new URL(url, cmsB.url))
      expect(fromB.status, url).toBe(200)
      expect(Buffer.from(await fromB.arrayBuffer()).equals(Buffer.from(await fromA.arrayBuffer()))).toBe(true)
    }
    expect(readdirSync(mediaDirs[1])).toEqual([])
  })

  it('refuses a bad upload (wrong type, too big) with a 4xx, writing nothing to the bucket', async () => {
    const keysBefore = await s3.keys()
    const countBefore = await mediaCount()
    const auth = { authorization: `JWT ${token}` }
    const html = await upload(
      shop.cms.url,
      'media',
      uploadForm({ data: '<html><script>alert(1)</script></html>', name: 'evil.png', type: 'image/png' }, { alt: 'x' }),
      auth,
    )
    expect(html.status).toBe(400)
    const huge = await sharp({
      create: { width: 3000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png({ compressionLevel: 0 })
      .toBuffer()
    const tooBig = await upload(
      shop.cms.url,
      'media',
      uploadForm({ data: huge, name: 'huge.png', type: 'image/png' }, { alt: 'Huge' }),
      auth,
    )
    expect(tooBig.status).toBe(413)
    const noAlt = await upload(
      shop.cms.url,
      'media',
      uploadForm({ data: await pngImage(), name: 'no-alt.png', type: 'image/png' }, { alt: ' ' }),
      auth,
    )
    expect(noAlt.status).toBe(400)
    expect(await s3.keys()).toEqual(keysBefore)
    expect(await mediaCount()).toBe(countBefore)
  })

  it('deletes every object of an image with it; its URLs then answer 404 on both processes', async () => {
    const response = await rest(cmsB.url, `media/${doc.id}`, { method: 'DELETE', token })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(await s3.keys()).toEqual([])
    for (const base of [shop.cms.url, cmsB.url]) {
      expect((await fetch(`${base}/api/media/file/${doc.filename}`)).status).toBe(404)
      expect((await fetch(`${base}/api/media/file/${doc.sizes.card.filename}`)).status).toBe(404)
    }
  })
})

describe('S3 settings', () => {
  it('are all or none: half of them stops the CMS at start, naming what is missing', async () => {
    const { code, output } = await startCmsExpectingRefusal({ env: { S3_BUCKET: 'minimart-media', S3_REGION: 'eu-west-1' } })
    expect(code).toBe(1)
    expect(output).toMatch(/S3 storage is half configured: S3_BUCKET, S3_REGION are set but S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are not/)
  })
})
