/**
 * The authorization matrix: every collection × operation (read, create, update, delete) × way in
 * (REST, GraphQL) × caller (anonymous, staff, admin, API key, and credentials that must count for
 * nothing). Each case asserts that the caller is let through exactly when the table says so, and
 * that a refused write changes nothing (as the admin sees it afterwards).
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CALLERS, type Caller, type Callers, setUpCallers } from '../helpers/callers'
import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { pngImage, upload, uploadForm } from '../helpers/files'
import { graphql } from '../helpers/graphql'
import { rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

type Operation = 'create' | 'delete' | 'read' | 'update'
type Id = number | string
type Outcome = 'allowed' | 'denied'

const NOBODY: readonly Caller[] = []
const EVERYBODY = CALLERS
const STAFF: readonly Caller[] = ['staff', 'admin']
const ADMIN: readonly Caller[] = ['admin']

let cms: Cms
let callers: Callers
let image: Buffer
let adminId: Id
const secret = randomBytes(32).toString('hex')
const unique = () => randomBytes(4).toString('hex')
const asAdmin = () => callers.admin

/** One row of the matrix: a collection (or a slice of one, like draft items). */
type Subject = {
  name: string
  slug: string
  allowed: Partial<Record<Operation, readonly Caller[]>>
  /** A document for read/update/delete, made by the admin (or one that exists). */
  makeTarget?: () => Promise<Id>
  /** REST create as `headers`; returns the status. */
  restCreate?: (headers: Record<string, string>) => Promise<number>
  restUpdate?: Record<string, unknown>
  graphql?: { single: string; create?: () => string; update?: string }
  /** For collections whose REST routes are not by id (preferences are by key, the caller's own). */
  restRun?: (operation: Operation, headers: Record<string, string>, id: Id | undefined) => Promise<Outcome>
  /** What the admin sees of a document, when not GET /api/<slug>/<id>. */
  snapshotOf?: (id: Id) => Promise<unknown>
  /** Whether the admin can count every document (not so for other people's preferences). */
  countable?: boolean
}

const json = (headers: Record<string, string>) => ({ ...headers })
const created = async (path: string, body: unknown): Promise<Id> => {
  const response = await rest(cms.url, path, { method: 'POST', headers: asAdmin(), body })
  if (response.status !== 201) throw new Error(`admin could not create ${path}: ${JSON.stringify(response.body)}`)
  return response.body.doc.id
}
const draftItem = () => ({ name: `Matrix item ${unique()}`, price: 120, quantity: 4, _status: 'draft' })
const emptyCsv = 'name,price,quantity\n'

const subjects: Subject[] = [
  {
    name: 'items (drafts)',
    slug: 'items',
    allowed: { read: STAFF, create: STAFF, update: STAFF, delete: STAFF },
    makeTarget: () => created('items', draftItem()),
    restCreate: async (headers) => (await rest(cms.url, 'items', { method: 'POST', headers: json(headers), body: draftItem() })).status,
    restUpdate: { quantity: 9 },
    graphql: {
      single: 'Item',
      create: () =>
        `createItem(data: { name: "GraphQL item ${unique()}", slug: "graphql-item-${unique()}", price: 100, quantity: 1, _status: draft })`,
      update: 'data: { quantity: 9 }',
    },
  },
  {
    name: 'items (published)',
    slug: 'items',
    allowed: { read: EVERYBODY },
    makeTarget: () => created('items', { ...draftItem(), _status: 'published' }),
    graphql: { single: 'Item' },
  },
  {
    name: 'media',
    slug: 'media',
    allowed: { read: EVERYBODY, create: STAFF, update: STAFF, delete: STAFF },
    makeTarget: async () => {
      const response = await upload(
        cms.url,
        'media',
        uploadForm({ data: image, name: 'photo.png', type: 'image/png' }, { alt: 'A photo' }),
        asAdmin(),
      )
      if (response.status !== 201) throw new Error(JSON.stringify(response.body))
      return response.body.doc.id
    },
    restCreate: async (headers) =>
      (await upload(cms.url, 'media', uploadForm({ data: image, name: 'photo.png', type: 'image/png' }, { alt: 'A photo' }), headers))
        .status,
    restUpdate: { alt: 'Changed description' },
    graphql: { single: 'Media', create: () => 'createMedia(data: { alt: "No file" })', update: 'data: { alt: "Changed description" }' },
  },
  {
    name: 'users (another account)',
    slug: 'users',
    allowed: { read: ADMIN, create: ADMIN, update: ADMIN, delete: ADMIN },
    makeTarget: () => created('users', { username: `target-${unique()}`, password: 'target-password', roles: ['staff'] }),
    restCreate: async (headers) =>
      (
        await rest(cms.url, 'users', {
          method: 'POST',
          headers,
          body: { username: `new-${unique()}`, password: 'new-password', roles: ['staff'] },
        })
      ).status,
    restUpdate: { name: 'Changed name' },
    graphql: {
      single: 'User',
      create: () => `createUser(data: { username: "gql-${unique()}", password: "gql-password", roles: [staff] })`,
      update: 'data: { name: "Changed name" }',
    },
  },
  {
    name: 'api-clients',
    slug: 'api-clients',
    allowed: { read: ADMIN, create: ADMIN, update: ADMIN, delete: ADMIN },
    makeTarget: () => created('api-clients', { name: `Program ${unique()}` }),
    restCreate: async (headers) => (await rest(cms.url, 'api-clients', { method: 'POST', headers, body: { name: 'New program' } })).status,
    restUpdate: { name: 'Changed program' },
    graphql: {
      single: 'ApiClient',
      create: () => 'createApiClient(data: { name: "GraphQL program" })',
      update: 'data: { name: "Changed program" }',
    },
  },
  {
    name: 'audit-log',
    slug: 'audit-log',
    allowed: { read: ADMIN, create: NOBODY, update: NOBODY, delete: NOBODY },
    makeTarget: async () => (await rest(cms.url, 'audit-log?limit=1&sort=-createdAt&depth=0', { headers: asAdmin() })).body.docs[0].id,
    restCreate: async (headers) =>
      (
        await rest(cms.url, 'audit-log', {
          method: 'POST',
          headers,
          body: { action: 'delete', summary: 'Forged entry', actor: 'someone', actorType: 'staff' },
        })
      ).status,
    restUpdate: { summary: 'Tampered with', actor: 'someone else' },
    graphql: {
      single: 'AuditLog',
      create: () => 'createAuditLog(data: { action: delete, summary: "Forged entry", actor: "someone", actorType: staff })',
      update: 'data: { summary: "Tampered with" }',
    },
  },
  {
    name: 'imports',
    slug: 'imports',
    allowed: { read: STAFF, create: STAFF, update: NOBODY, delete: STAFF },
    makeTarget: async () => {
      const response = await upload(
        cms.url,
        'imports',
        uploadForm({ data: emptyCsv, name: 'empty.csv', type: 'text/csv' }, { collectionSlug: 'items', importMode: 'create' }),
        asAdmin(),
      )
      if (response.status !== 201) throw new Error(JSON.stringify(response.body))
      return response.body.doc.id
    },
    restCreate: async (headers) =>
      (
        await upload(
          cms.url,
          'imports',
          uploadForm({ data: emptyCsv, name: 'empty.csv', type: 'text/csv' }, { collectionSlug: 'items', importMode: 'create' }),
          headers,
        )
      ).status,
    restUpdate: { importMode: 'upsert' },
    graphql: { single: 'Import', create: () => 'createImport(data: { collectionSlug: "items" })', update: 'data: { matchField: "slug" }' },
  },
  {
    name: 'exports',
    slug: 'exports',
    allowed: { read: STAFF, create: STAFF, update: NOBODY, delete: STAFF },
    makeTarget: () => created('exports', { collectionSlug: 'items', format: 'csv', name: `export-${unique()}` }),
    restCreate: async (headers) =>
      (
        await rest(cms.url, 'exports', {
          method: 'POST',
          headers,
          body: { collectionSlug: 'items', format: 'csv', name: `export-${unique()}` },
        })
      ).status,
    restUpdate: { name: 'changed' },
    graphql: {
      single: 'Export',
      create: () => `createExport(data: { collectionSlug: "items", format: csv, name: "gql-${unique()}" })`,
      update: 'data: { name: "changed" }',
    },
  },
  {
    name: 'payload-locked-documents',
    slug: 'payload-locked-documents',
    allowed: { read: STAFF, create: STAFF, update: STAFF, delete: STAFF },
    makeTarget: () =>
      created('payload-locked-documents', { globalSlug: `lock-${unique()}`, user: { relationTo: 'users', value: adminId } }),
    restCreate: async (headers) =>
      (
        await rest(cms.url, 'payload-locked-documents', {
          method: 'POST',
          headers,
          body: { globalSlug: `lock-${unique()}`, user: { relationTo: 'users', value: adminId } },
        })
      ).status,
    restUpdate: { globalSlug: 'changed-lock' },
    graphql: { single: 'PayloadLockedDocument', update: 'data: { globalSlug: "changed-lock" }' },
  },
  {
    // Preferences live at /api/payload-preferences/<key>, each person's own; the target is one of
    // the admin's. Staff may keep preferences of their own but never reach the admin's.
    name: "payload-preferences (the admin's)",
    slug: 'payload-preferences',
    allowed: { read: ADMIN, create: STAFF, update: ADMIN, delete: ADMIN },
    countable: false,
    makeTarget: async () => {
      const key = `pref-${unique()}`
      const response = await rest(cms.url, `payload-preferences/${key}`, {
        method: 'POST',
        headers: asAdmin(),
        body: { value: { columns: 3 } },
      })
      preferenceKeys.set(response.body.doc.id, key)
      return response.body.doc.id
    },
    snapshotOf: async (id) => {
      const response = await graphql(cms.url, `query { PayloadPreference(id: ${JSON.stringify(id)}) { id key value } }`, {
        headers: asAdmin(),
      })
      return response.data?.PayloadPreference ?? null
    },
    restRun: async (operation, headers, id) => {
      const key = id === undefined ? `pref-${unique()}` : preferenceKeys.get(id)!
      const path = `payload-preferences/${key}`
      if (operation === 'read') {
        const response = await rest(cms.url, path, { headers })
        return response.status === 200 && response.body.id === id
          ? 'allowed'
          : restOutcome(response.status === 200 ? 404 : response.status, 'read preference')
      }
      if (operation === 'delete') {
        return restOutcome((await rest(cms.url, path, { method: 'DELETE', headers })).status, 'delete preference')
      }
      // create and update are the same call: set the caller's own preference under that key.
      const response = await rest(cms.url, path, { method: 'POST', headers, body: { value: { columns: 1 } } })
      const outcome = restOutcome(response.status, `${operation} preference`)
      return operation === 'update' && outcome === 'allowed' && response.body.doc.id !== id ? 'denied' : outcome
    },
    graphql: { single: 'PayloadPreference', update: 'data: { key: "changed" }' },
  },
  {
    name: 'payload-kv (Payload internal)',
    slug: 'payload-kv',
    allowed: { read: NOBODY, create: NOBODY, update: NOBODY, delete: NOBODY },
    restCreate: async (headers) => (await rest(cms.url, 'payload-kv', { method: 'POST', headers, body: { key: 'k', data: {} } })).status,
    restUpdate: { data: { x: 1 } },
    graphql: { single: 'PayloadKv', create: () => 'createPayloadKv(data: { key: "k", data: {} })', update: 'data: { key: "changed" }' },
  },
  {
    // Login and rate-limit counters (cms/collections/AttemptCounters.ts): no REST routes, no GraphQL type.
    name: 'attempt-counters (internal)',
    slug: 'attempt-counters',
    allowed: { read: NOBODY, create: NOBODY, update: NOBODY, delete: NOBODY },
    restCreate: async (headers) =>
      (
        await rest(cms.url, 'attempt-counters', {
          method: 'POST',
          headers,
          body: { key: 'k', count: 0, expiresAt: '2030-01-01T00:00:00Z' },
        })
      ).status,
    restUpdate: { count: 0 },
  },
  {
    name: 'payload-jobs (Payload internal)',
    slug: 'payload-jobs',
    allowed: { read: NOBODY, create: NOBODY, update: NOBODY, delete: NOBODY },
    restCreate: async (headers) =>
      (await rest(cms.url, 'payload-jobs', { method: 'POST', headers, body: { taskSlug: 'createCollectionExport', input: {} } })).status,
    restUpdate: { processing: true },
    graphql: { single: 'PayloadJob', update: 'data: { processing: true }' },
  },
]

/** What the admin sees of a document (null once it is gone). */
async function snapshot(subject: Subject, id: Id): Promise<unknown> {
  if (subject.snapshotOf) return subject.snapshotOf(id)
  const response = await rest(cms.url, `${subject.slug}/${id}?depth=0`, { headers: asAdmin() })
  return response.status === 200 ? response.body : null
}
const count = async (slug: string): Promise<number> =>
  (await rest(cms.url, `${slug}?limit=1&depth=0`, { headers: asAdmin() })).body.totalDocs

/** A target per subject, replaced once an allowed update or delete has used it up. */
const targets = new Map<Subject, Id>()
const preferenceKeys = new Map<Id, string>()
async function targetOf(subject: Subject): Promise<Id> {
  // Closed internal collections: nobody gets as far as the document. An id of the database's
  // kind (MongoDB's are ObjectId strings), so GraphQL refuses the caller, not the argument.
  if (!subject.makeTarget) return databaseKind() === 'mongodb' ? '000000000000000000000001' : 1
  if (!targets.has(subject)) targets.set(subject, await subject.makeTarget())
  return targets.get(subject)!
}

const restOutcome = (status: number, what: string): Outcome => {
  if ([401, 403, 404].includes(status)) return 'denied'
  if (status >= 200 && status < 300) return 'allowed'
  throw new Error(`${what}: unexpected status ${status}`)
}
const graphqlOutcome = (errors: { extensions?: { statusCode?: number } }[] | undefined): Outcome =>
  errors?.some((error) => [401, 403, 404].includes(error.extensions?.statusCode ?? 0)) ? 'denied' : 'allowed'

async function runRest(subject: Subject, operation: Operation, headers: Record<string, string>): Promise<Outcome> {
  const what = `${operation} ${subject.slug}`
  if (subject.restRun) return subject.restRun(operation, headers, operation === 'create' ? undefined : await targetOf(subject))
  if (operation === 'create') return restOutcome(await subject.restCreate!(headers), what)
  const id = await targetOf(subject)
  if (operation === 'read') return restOutcome((await rest(cms.url, `${subject.slug}/${id}?depth=0`, { headers })).status, what)
  if (operation === 'update') {
    const response = await rest(cms.url, `${subject.slug}/${id}`, { method: 'PATCH', headers, body: subject.restUpdate })
    return restOutcome(response.status, `${what}: ${JSON.stringify(response.body)}`)
  }
  return restOutcome((await rest(cms.url, `${subject.slug}/${id}`, { method: 'DELETE', headers })).status, what)
}

async function runGraphql(subject: Subject, operation: Operation, headers: Record<string, string>): Promise<Outcome> {
  const { single, create, update } = subject.graphql!
  const id = operation === 'create' ? undefined : JSON.stringify(await targetOf(subject))
  const query = {
    read: `query { ${single}(id: ${id}) { id } }`,
    create: `mutation { ${create?.()} { id } }`,
    update: `mutation { update${single}(id: ${id}, ${update}) { id } }`,
    delete: `mutation { delete${single}(id: ${id}) { id } }`,
  }[operation]
  const response = await graphql(cms.url, query, { headers })
  const outcome = graphqlOutcome(response.errors)
  // Let through, a read or write must really have happened (or failed only on its data, as an
  // upload without a file does).
  if (outcome === 'allowed' && operation === 'read') expect(response.data?.[single]?.id, JSON.stringify(response)).toBeDefined()
  return outcome
}

type Case = { subject: Subject; operation: Operation; transport: 'GraphQL' | 'REST'; caller: Caller; expected: Outcome }
const cases: Case[] = subjects.flatMap((subject) =>
  (Object.entries(subject.allowed) as [Operation, readonly Caller[]][]).flatMap(([operation, allowed]) =>
    (['REST', 'GraphQL'] as const)
      // Payload's GraphQL has no input type for polymorphic relationships or job tasks, and no
      // type at all for a collection with graphQL: false.
      .filter((transport) =>
        transport === 'REST'
          ? subject.restCreate || subject.restRun || operation !== 'create'
          : subject.graphql && (operation !== 'create' || subject.graphql.create),
      )
      .flatMap((transport) =>
        CALLERS.map(
          (caller) => ({ subject, operation, transport, caller, expected: allowed.includes(caller) ? 'allowed' : 'denied' }) as Case,
        ),
      ),
  ),
)

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { PAYLOAD_SECRET: secret } })
  callers = await setUpCallers(cms.url, TEST_ADMIN_PASSWORD, secret)
  image = await pngImage({ width: 320, height: 240 })
  adminId = (await rest(cms.url, 'users/me', { headers: asAdmin() })).body.user.id
})
afterAll(() => cms?.stop())

describe(`authorization matrix (${cases.length} cases)`, () => {
  it.each(cases.map((c) => [`${c.subject.name} · ${c.operation} · ${c.transport} · ${c.caller} → ${c.expected}`, c] as const))(
    '%s',
    async (_name, { subject, operation, transport, caller, expected }) => {
      const headers = callers[caller]
      const closed = !subject.makeTarget
      const id = operation === 'read' || operation === 'create' || closed ? undefined : await targetOf(subject)
      const before = id === undefined ? undefined : await snapshot(subject, id)
      const countable = operation === 'create' && !closed && subject.countable !== false
      const countBefore = countable ? await count(subject.slug) : undefined

      const outcome = transport === 'REST' ? await runRest(subject, operation, headers) : await runGraphql(subject, operation, headers)
      expect(outcome).toBe(expected)

      if (closed) return
      if (countable) {
        // Uploads over GraphQL carry no file, so even an allowed create stores nothing there.
        const stored = expected === 'allowed' && !(transport === 'GraphQL' && ['media', 'imports'].includes(subject.slug)) ? 1 : 0
        expect(await count(subject.slug)).toBe(countBefore! + stored)
      }
      if (id !== undefined && expected === 'denied') {
        // A refused write changes nothing.
        expect(await snapshot(subject, id)).toEqual(before)
      }
      if (id !== undefined && expected === 'allowed') {
        const after = await snapshot(subject, id)
        if (operation === 'delete') expect(after).toBeNull()
        else expect(after).not.toEqual(before)
        targets.delete(subject)
      }
    },
  )
})
