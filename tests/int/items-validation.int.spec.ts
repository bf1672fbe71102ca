import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FERRETDB_LACKS, ferretDbLacks, freshDatabaseUri } from '../helpers/database'
import { fieldMessages, login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let token: string

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri() })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
})
afterAll(() => cms?.stop())

// Counted as staff, so drafts count too.
const itemCount = async (): Promise<number> => (await rest(cms.url, 'items?limit=1&depth=0', { token })).body.totalDocs
const valid = { name: 'Kaya Toast Set', price: 450, quantity: 10, _status: 'published' }

describe('items: each field rule is enforced over REST', () => {
  const cases: [field: string, what: string, data: Record<string, unknown>, message: RegExp][] = [
    ['name', 'is missing', { name: undefined }, /Name is required/],
    ['name', 'is only spaces', { name: '    ' }, /Name/],
    ['name', 'is longer than 120 characters', { name: 'x'.repeat(121) }, /at most 120 characters/],
    ['slug', 'is not URL-safe', { slug: 'Kaya Toast!' }, /Slug may contain only lowercase letters/],
    ['price', 'is missing', { price: undefined }, /Price is required/],
    ['price', 'is negative', { price: -1 }, /Price cannot be negative/],
    ['price', 'has fractions of a cent', { price: 199.5 }, /whole cents/],
    ['price', 'is text', { price: 'cheap' }, /Price/],
    ['price', 'is absurdly large', { price: 1e15 }, /at most/],
    ['quantity', 'is negative', { quantity: -3 }, /cannot be negative/],
    ['quantity', 'is a fraction', { quantity: 2.5 }, /whole number/],
    ['quantity', 'is text', { quantity: 'lots' }, /Quantity/],
  ]

  it.each(cases)('refuses an item whose %s %s: 400, the field named, nothing stored', async (field, _what, change, message) => {
    const before = await itemCount()
    const { status, body } = await rest(cms.url, 'items', { method: 'POST', token, body: { ...valid, ...change } })
    expect(status).toBe(400)
    const messages = fieldMessages(body)
    expect(Object.keys(messages)).toContain(field)
    expect(messages[field]).toMatch(message)
    expect(await itemCount()).toBe(before)
  })

  it('refuses a bad update with 400 and leaves the stored item as it was', async () => {
    const created = await rest(cms.url, 'items', { method: 'POST', token, body: { ...valid, name: 'Teh Tarik Mix' } })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const { status, body } = await rest(cms.url, `items/${id}`, { method: 'PATCH', token, body: { price: -50, quantity: 1.5 } })
    expect(status).toBe(400)
    expect(Object.keys(fieldMessages(body)).sort()).toEqual(['price', 'quantity'])
    const stored = await rest(cms.url, `items/${id}?depth=0`, { token })
    expect(stored.body).toMatchObject({ price: 450, quantity: 10 })
  })

  it('refuses a second item with the same slug, naming the slug', async () => {
    const first = await rest(cms.url, 'items', { method: 'POST', token, body: { ...valid, name: 'Iced Milo' } })
    expect(first.status).toBe(201)
    const before = await itemCount()
    const { status, body } = await rest(cms.url, 'items', { method: 'POST', token, body: { ...valid, name: 'Another', slug: 'iced-milo' } })
    expect(status).toBe(400)
    if (!ferretDbLacks(FERRETDB_LACKS.duplicateKeyDetails, 'the refusal of a duplicate slug names the slug')) {
      expect(Object.keys(fieldMessages(body))).toContain('slug')
    }
    expect(await itemCount()).toBe(before)
  })
})

describe('items: valid input is stored exactly', () => {
  it('trims the name, generates a URL-safe slug, keeps the price in whole cents', async () => {
    const { status, body } = await rest(cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: '  Pandan Cake (Whole) ', price: 1290, quantity: 4 },
    })
    expect(status).toBe(201)
    const stored = await rest(cms.url, `items/${body.doc.id}?depth=0`, { token })
    expect(stored.body).toMatchObject({ name: 'Pandan Cake (Whole)', slug: 'pandan-cake-whole', price: 1290, quantity: 4 })
  })

  it('accepts an edited slug and a price of zero, and defaults the quantity to 0', async () => {
    const { status, body } = await rest(cms.url, 'items', {
      method: 'POST',
      token,
      body: { name: 'Free Plastic Bag', slug: 'plastic-bag', price: 0 },
    })
    expect(status).toBe(201)
    expect(body.doc).toMatchObject({ slug: 'plastic-bag', price: 0, quantity: 0 })
  })

  it('validates drafts too: a draft with a negative price is refused', async () => {
    const before = await itemCount()
    const { status, body } = await rest(cms.url, 'items?draft=true', {
      method: 'POST',
      token,
      body: { name: 'Half-done item', price: -5, _status: 'draft' },
    })
    expect(status).toBe(400)
    expect(Object.keys(fieldMessages(body))).toContain('price')
    expect(await itemCount()).toBe(before)
  })

  it('accepts a 120-character name, the longest allowed', async () => {
    const name = 'Assorted '.repeat(13).slice(0, 120)
    const { status, body } = await rest(cms.url, 'items', { method: 'POST', token, body: { ...valid, name } })
    expect(status).toBe(201)
    expect(body.doc.name).toBe(name.trim())
  })
})
