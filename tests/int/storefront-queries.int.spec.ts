import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringify } from 'qs-esm'

import { catalogueFields, catalogueQuery, ITEMS_PER_PAGE, itemBySlugQuery, type RestQuery } from '../../storefront/src/lib/queries'
import { freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
const query = async (q: RestQuery) => rest(cms.url, `items?${stringify(q)}`)

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } })
  const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  // 21 demo items + 5 = 26: two catalogue pages.
  for (const n of [1, 2, 3, 4, 5]) {
    await rest(cms.url, 'items', { method: 'POST', token, body: { name: `Zebra Biscuits No. ${n}`, price: 100 * n, quantity: n, _status: 'published' } })
  }
})
afterAll(() => cms?.stop())

describe('the REST queries the storefront sends', () => {
  it('catalogue: a page of 24 items sorted by name, with exactly the fields the cards render', async () => {
    const { status, body } = await query(catalogueQuery(1))
    expect(status).toBe(200)
    expect(body).toMatchObject({ totalDocs: 26, totalPages: 2, page: 1, limit: ITEMS_PER_PAGE })
    expect(body.docs).toHaveLength(ITEMS_PER_PAGE)
    for (const doc of body.docs) {
      expect(Object.keys(doc).sort()).toEqual(['id', ...Object.keys(catalogueFields)].sort())
    }
    const names = body.docs.map((doc: any) => doc.name)
    expect(names).toEqual([...names].sort())
  })

  it('catalogue page 2 holds the rest', async () => {
    const { body } = await query(catalogueQuery(2))
    expect(body.docs.map((doc: any) => doc.name)).toEqual(['Zebra Biscuits No. 4', 'Zebra Biscuits No. 5'])
  })

  it('item by slug: the whole item with its rich-text description', async () => {
    const { body } = await query(itemBySlugQuery('kaya-spread-400-g'))
    expect(body.docs).toHaveLength(1)
    expect(body.docs[0]).toMatchObject({ name: 'Kaya Spread 400 g', price: 480, quantity: 3 })
    expect(JSON.stringify(body.docs[0].description)).toContain('coconut and pandan')
  })

  it('catalogue and item by slug never return drafts', async () => {
    const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
    await rest(cms.url, 'items', { method: 'POST', token, body: { name: 'Aardvark Crisps', price: 100, quantity: 1, _status: 'draft' } })
    const catalogue = await query(catalogueQuery(1))
    expect(catalogue.body.docs.map((doc: any) => doc.name)).not.toContain('Aardvark Crisps')
    expect(catalogue.body.totalDocs).toBe(26)
    expect((await query(itemBySlugQuery('aardvark-crisps'))).body.docs).toEqual([])
  })

  it('item by slug: an unknown slug finds nothing', async () => {
    const { status, body } = await query(itemBySlugQuery('no-such-item'))
    expect(status).toBe(200)
    expect(body.docs).toEqual([])
  })
})
