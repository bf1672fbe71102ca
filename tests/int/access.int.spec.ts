import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let adminToken: string
let staffToken: string
let staffId: number | string
let itemId: number | string
const item = { name: 'Kopi Peng', price: 180, quantity: 12, _status: 'published' }

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri() })
  adminToken = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  const staff = await rest(cms.url, 'users', {
    method: 'POST',
    token: adminToken,
    body: { username: 'ahmad', password: 'ahmad-test-password', roles: ['staff'] },
  })
  expect(staff.status).toBe(201)
  staffId = staff.body.doc.id
  staffToken = await login(cms.url, 'ahmad', 'ahmad-test-password')
  itemId = (await rest(cms.url, 'items', { method: 'POST', token: adminToken, body: item })).body.doc.id
})
afterAll(() => cms?.stop())

const storedItem = async () => (await rest(cms.url, `items/${itemId}?depth=0`, { token: adminToken })).body

describe('anonymous visitors', () => {
  it('can read the catalogue and one item', async () => {
    const list = await rest(cms.url, 'items?depth=0')
    expect(list.status).toBe(200)
    expect(list.body.docs.map((doc: any) => doc.name)).toContain('Kopi Peng')
    expect((await rest(cms.url, `items/${itemId}`)).status).toBe(200)
  })

  it('cannot create, update or delete items, and nothing changes', async () => {
    const before = (await rest(cms.url, 'items?limit=1', { token: adminToken })).body.totalDocs
    const created = await rest(cms.url, 'items', { method: 'POST', body: { ...item, name: 'Sneaky' } })
    expect([401, 403]).toContain(created.status)
    const updated = await rest(cms.url, `items/${itemId}`, { method: 'PATCH', body: { price: 1 } })
    expect([401, 403]).toContain(updated.status)
    const deleted = await rest(cms.url, `items/${itemId}`, { method: 'DELETE' })
    expect([401, 403]).toContain(deleted.status)
    expect((await rest(cms.url, 'items?limit=1', { token: adminToken })).body.totalDocs).toBe(before)
    expect(await storedItem()).toMatchObject(item)
  })

  it('cannot write through GraphQL either', async () => {
    const response = await fetch(`${cms.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { updateItem(id: ${JSON.stringify(itemId)}, data: { price: 1 }) { id price } }` }),
    })
    const body = await response.json()
    expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(await storedItem()).toMatchObject(item)
  })

  it('never see drafts: not in the list, not by id, not by slug, not with ?draft=true', async () => {
    const draft = await rest(cms.url, 'items', {
      method: 'POST',
      token: adminToken,
      body: { name: 'Secret Mooncakes', price: 2800, quantity: 6, _status: 'draft' },
    })
    expect(draft.status).toBe(201)
    const id = draft.body.doc.id
    const list = await rest(cms.url, 'items?limit=100&depth=0')
    expect(list.body.docs.map((doc: any) => doc.name)).not.toContain('Secret Mooncakes')
    expect((await rest(cms.url, `items/${id}`)).status).toBe(404)
    expect((await rest(cms.url, `items/${id}?draft=true`)).status).toBe(404)
    const bySlug = await rest(cms.url, 'items?where[slug][equals]=secret-mooncakes&draft=true')
    expect(bySlug.body.docs).toEqual([])
    // Staff see it.
    expect((await rest(cms.url, `items/${id}`, { token: adminToken })).body.name).toBe('Secret Mooncakes')
  })

  it('cannot see staff accounts', async () => {
    const users = await rest(cms.url, 'users')
    expect([401, 403]).toContain(users.status)
    expect(JSON.stringify(users.body)).not.toContain('unclepat')
  })
})

describe('staff', () => {
  it('can create, update and delete items', async () => {
    const created = await rest(cms.url, 'items', { method: 'POST', token: staffToken, body: { ...item, name: 'Milo Dinosaur' } })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    expect((await rest(cms.url, `items/${id}`, { method: 'PATCH', token: staffToken, body: { quantity: 3 } })).body.doc.quantity).toBe(3)
    expect((await rest(cms.url, `items/${id}`, { method: 'DELETE', token: staffToken })).status).toBe(200)
    expect((await rest(cms.url, `items/${id}`, { token: staffToken })).status).toBe(404)
  })

  it("cannot create accounts or see other people's", async () => {
    const created = await rest(cms.url, 'users', {
      method: 'POST',
      token: staffToken,
      body: { username: 'intruder', password: 'intruder-password', roles: ['admin'] },
    })
    expect(created.status).toBe(403)
    const users = await rest(cms.url, 'users', { token: staffToken })
    expect(users.body.docs.map((user: any) => user.username)).toEqual(['ahmad'])
  })

  it('cannot make themselves admin', async () => {
    await rest(cms.url, `users/${staffId}`, { method: 'PATCH', token: staffToken, body: { roles: ['admin'] } })
    const me = await rest(cms.url, `users/${staffId}`, { token: adminToken })
    expect(me.body.roles).toEqual(['staff'])
  })

  it('cannot delete the admin account', async () => {
    const admins = await rest(cms.url, 'users?where[username][equals]=unclepat', { token: adminToken })
    const adminId = admins.body.docs[0].id
    const deleted = await rest(cms.url, `users/${adminId}`, { method: 'DELETE', token: staffToken })
    expect([403, 404]).toContain(deleted.status)
    expect((await rest(cms.url, `users/${adminId}`, { token: adminToken })).status).toBe(200)
  })
})

describe('login', () => {
  it('is by username; 5 wrong passwords make that address wait, with the same answer as a wrong password', async () => {
    await rest(cms.url, 'users', {
      method: 'POST',
      token: adminToken,
      body: { username: 'mei', password: 'mei-right-password', roles: ['staff'] },
    })
    let wrong: Awaited<ReturnType<typeof rest>> | undefined
    for (let attempt = 1; attempt <= 5; attempt++) {
      wrong = await rest(cms.url, 'users/login', { method: 'POST', body: { username: 'mei', password: `wrong-${attempt}` } })
      expect(wrong.status).toBe(401)
    }
    const waiting = await rest(cms.url, 'users/login', { method: 'POST', body: { username: 'mei', password: 'mei-right-password' } })
    expect(waiting.status).toBe(401)
    expect(waiting.body).toEqual(wrong!.body)
    expect(JSON.stringify(waiting.body)).not.toMatch(/locked/i)
  })
})
