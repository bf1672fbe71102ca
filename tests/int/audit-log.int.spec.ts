/**
 * The audit trail: who did what, when, to which record, with before/after values for updates;
 * logins that worked and that failed; imports. Entries hold no secrets, cannot be changed by
 * anyone, and an action whose entry cannot be written does not happen.
 */
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseKind, FERRETDB_LACKS, ferretDbLacks, freshDatabaseUri, knownDifference } from '../helpers/database'
import { pngImage, upload, uploadForm } from '../helpers/files'
import { graphql } from '../helpers/graphql'
import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let adminToken: string

type Entry = {
  action: string
  actor: string
  actorType: string
  changes?: { after: unknown; before: unknown; field: string }[] | null
  collectionSlug?: string
  createdAt: string
  detail?: string
  documentId?: string
  ip?: string
  summary: string
}

/** The newest entries first, as the admin reads them. */
async function entries(where = ''): Promise<Entry[]> {
  const response = await rest(cms.url, `audit-log?limit=100&sort=-createdAt&depth=0${where}`, { token: adminToken })
  expect(response.status).toBe(200)
  return response.body.docs
}
const latest = async (where = '') => (await entries(where))[0]

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri() })
  adminToken = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
})
afterAll(() => cms?.stop())

describe('the audit log records', () => {
  it('item creates, updates (each changed field, before and after) and deletes, with who and from where', async () => {
    const created = await rest(cms.url, 'items', {
      method: 'POST',
      token: adminToken,
      body: { name: 'Kopi Peng', price: 180, quantity: 12, _status: 'published' },
    })
    const id = String(created.body.doc.id)
    expect(await latest('&where[action][equals]=create')).toMatchObject({
      action: 'create',
      collectionSlug: 'items',
      documentId: id,
      actor: 'unclepat',
      actorType: 'staff',
      ip: '127.0.0.1',
    })

    await rest(cms.url, `items/${id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { price: 200, quantity: 10, name: 'Kopi Peng (large)' },
    })
    const update = await latest('&where[action][equals]=update')
    expect(update).toMatchObject({ collectionSlug: 'items', documentId: id, actor: 'unclepat' })
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'price', before: 180, after: 200 },
        { field: 'quantity', before: 12, after: 10 },
        { field: 'name', before: 'Kopi Peng', after: 'Kopi Peng (large)' },
      ]),
    )
    expect(update.changes!.map((change) => change.field)).not.toContain('updatedAt')

    await rest(cms.url, `items/${id}`, { method: 'DELETE', token: adminToken })
    expect(await latest('&where[action][equals]=delete')).toMatchObject({
      collectionSlug: 'items',
      documentId: id,
      summary: expect.stringContaining('Kopi Peng'),
    })
  })

  it('what was saved, not what a caller chose to read back with `select`', async () => {
    const created = await rest(cms.url, 'items?select[slug]=true', {
      method: 'POST',
      token: adminToken,
      body: { name: 'Teh Tarik', price: 150, quantity: 5, _status: 'published' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = String(created.body.doc.id)
    expect(await latest('&where[action][equals]=create')).toMatchObject({ documentId: id, summary: 'Created item "Teh Tarik"' })

    const updated = await rest(cms.url, `items/${id}?select[price]=true`, { method: 'PATCH', token: adminToken, body: { quantity: 4 } })
    expect(updated.status, JSON.stringify(updated.body)).toBe(200)
    const update = await latest('&where[action][equals]=update')
    expect(update).toMatchObject({ documentId: id, summary: 'Updated item "Teh Tarik": quantity' })
    expect(update.changes).toEqual([{ field: 'quantity', before: 5, after: 4 }])
  })

  it('images and accounts too, and never a password, hash, salt or API key', async () => {
    const photo = await upload(
      cms.url,
      'media',
      uploadForm({ data: await pngImage(), name: 'kaya.png', type: 'image/png' }, { alt: 'Jar of kaya' }),
      {
        authorization: `JWT ${adminToken}`,
      },
    )
    expect(await latest('&where[collectionSlug][equals]=media')).toMatchObject({ action: 'create', documentId: String(photo.body.doc.id) })

    const password = 'a-very-secret-password-123'
    const staff = await rest(cms.url, 'users', {
      method: 'POST',
      token: adminToken,
      body: { username: 'siti', password, roles: ['staff'] },
    })
    const staffId = String(staff.body.doc.id)
    await rest(cms.url, `users/${staffId}`, {
      method: 'PATCH',
      token: adminToken,
      body: { roles: ['admin', 'staff'], password: `${password}-new` },
    })
    const roleChange = await latest('&where[collectionSlug][equals]=users&where[action][equals]=update')
    expect(roleChange.documentId).toBe(staffId)
    expect(roleChange.changes).toContainEqual({ field: 'roles', before: ['staff'], after: ['admin', 'staff'] })

    const apiKey = 'key-that-must-never-be-logged-0123456789'
    await rest(cms.url, 'api-clients', { method: 'POST', token: adminToken, body: { name: 'Till', enableAPIKey: true, apiKey } })
    expect(await latest('&where[collectionSlug][equals]=api-clients')).toMatchObject({ action: 'create' })

    const everything = JSON.stringify(await entries())
    expect(everything).not.toContain(password)
    expect(everything).not.toContain(apiKey)
    expect(everything).not.toMatch(/"(hash|salt|password|apiKey|apiKeyIndex|resetPasswordToken|totpSecret|sessions)"/)
  })

  it('logins that work and that fail, over REST and GraphQL, without the password tried', async () => {
    await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
    expect(await latest('&where[action][equals]=login')).toMatchObject({ actor: 'unclepat', actorType: 'staff', ip: '127.0.0.1' })

    const wrong = 'wrong-password-tried-by-someone'
    if (!ferretDbLacks(FERRETDB_LACKS.findAndModifyFields, 'a wrong password for an existing account is audited as login-failed')) {
      expect((await rest(cms.url, 'users/login', { method: 'POST', body: { username: 'unclepat', password: wrong } })).status).toBe(401)
      expect(await latest('&where[action][equals]=login-failed')).toMatchObject({
        actor: 'unclepat',
        actorType: 'anonymous',
        detail: 'wrong username or password',
      })
    }

    await rest(cms.url, 'users/login', { method: 'POST', body: { username: 'nobody-here', password: wrong } })
    expect((await latest('&where[action][equals]=login-failed')).actor).toBe('nobody-here')

    const viaGraphql = await graphql(cms.url, 'mutation { loginUser(username: "ghost", password: "nope") { token } }')
    expect(viaGraphql.errors?.[0]?.extensions?.statusCode).toBe(401)
    expect((await latest('&where[action][equals]=login-failed')).actor).toBe('ghost')

    expect(JSON.stringify(await entries())).not.toContain(wrong)
  })

  knownDifference(FERRETDB_LACKS.transactions)('imports, with their outcome', async () => {
    const csv = 'name,price,quantity,_status\nAudit Buns,150,5,published\n'
    const imported = await upload(
      cms.url,
      'imports',
      uploadForm({ data: csv, name: 'buns.csv', type: 'text/csv' }, { collectionSlug: 'items', importMode: 'create' }),
      { authorization: `JWT ${adminToken}` },
    )
    expect(imported.status).toBe(201)
    expect(await latest('&where[action][equals]=import')).toMatchObject({
      actor: 'unclepat',
      collectionSlug: 'items',
      summary: expect.stringContaining('1 created'),
    })
    // And the item the import created has its own entry.
    expect(
      (await entries('&where[action][equals]=create&where[collectionSlug][equals]=items')).some((entry) =>
        entry.summary.includes('Audit Buns'),
      ),
    ).toBe(true)
  })
})

describe('audit entries', () => {
  it('cannot be changed or deleted, not even by the admin, over REST or GraphQL', async () => {
    const [entry] = await rest(cms.url, 'audit-log?limit=1&depth=0', { token: adminToken }).then((response) => response.body.docs)
    expect(
      (await rest(cms.url, `audit-log/${entry.id}`, { method: 'PATCH', token: adminToken, body: { summary: 'nothing happened' } })).status,
    ).toBe(403)
    expect((await rest(cms.url, `audit-log/${entry.id}`, { method: 'DELETE', token: adminToken })).status).toBe(403)
    expect((await rest(cms.url, 'audit-log?where[id][exists]=true', { method: 'DELETE', token: adminToken })).status).toBe(403)
    const headers = { authorization: `JWT ${adminToken}` }
    expect(
      (await graphql(cms.url, `mutation { deleteAuditLog(id: ${JSON.stringify(entry.id)}) { id } }`, { headers })).errors?.[0]?.extensions
        ?.statusCode,
    ).toBe(403)
    expect((await rest(cms.url, `audit-log/${entry.id}?depth=0`, { token: adminToken })).body).toEqual(entry)
  })
})

describe.skipIf(databaseKind() !== 'sqlite')('when the audit entry cannot be written (SQLite)', () => {
  it('the change is refused and rolled back, and so is the login', async () => {
    const created = await rest(cms.url, 'items', {
      method: 'POST',
      token: adminToken,
      body: { name: 'Milo Tin', price: 890, quantity: 7, _status: 'published' },
    })
    const id = created.body.doc.id
    // Break the audit store from outside, as a full disk or a failing database would.
    const db = new DatabaseSync(cms.databaseUri.replace(/^file:/, ''))
    db.exec('PRAGMA busy_timeout = 5000')
    db.exec("CREATE TRIGGER audit_store_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit store down'); END;")
    try {
      const update = await rest(cms.url, `items/${id}`, { method: 'PATCH', token: adminToken, body: { price: 1 } })
      expect(update.status).toBeGreaterThanOrEqual(500) // loud, not silent
      const deleted = await rest(cms.url, `items/${id}`, { method: 'DELETE', token: adminToken })
      expect(deleted.status).toBeGreaterThanOrEqual(500)
      const stored = await rest(cms.url, `items/${id}?depth=0`, { token: adminToken })
      expect(stored.body).toMatchObject({ price: 890, name: 'Milo Tin' })
      const loginWithoutEntry = await rest(cms.url, 'users/login', {
        method: 'POST',
        body: { username: 'unclepat', password: TEST_ADMIN_PASSWORD },
      })
      expect(loginWithoutEntry.status).toBeGreaterThanOrEqual(500)
      expect(loginWithoutEntry.body.token).toBeUndefined()
    } finally {
      db.exec('DROP TRIGGER audit_store_down')
      db.close()
    }
    expect((await rest(cms.url, `items/${id}`, { method: 'PATCH', token: adminToken, body: { price: 1 } })).status).toBe(200)
  })
})
