/**
 * Schema-driven fuzz of what a write may carry (issue 11, findings 4 and 5). The field list comes
 * from the running configuration itself (payload.config.ts, sanitized by Payload: our
 * collections, the plugins' and Payload's own), so a field added later is fuzzed without a line
 * here. Every field × every JSON type is sent
 * - over REST: POST, PATCH by id, PATCH by where;
 * - over GraphQL (as variables) for every collection with GraphQL mutations;
 * - to the auth routes (login, forgot-password, reset-password, unlock, first-register, refresh,
 *   verify, logout), and as bodies that are not objects at all;
 * as the admin (so access passes and validation is what is tested), and a sample anonymously.
 * Asserted: never a 5xx, a refused field is named in the ValidationError, and a refused write
 * changes nothing (the target reads back the same; no document is added).
 * Then the regression tests for findings 4 and 5, on the same server.
 */

import { writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { Field, SanitizedCollectionConfig, SanitizedConfig } from 'payload'
import { formatNames, toWords } from 'payload'
import { fieldAffectsData, tabHasName } from 'payload/shared'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FERRETDB_LACKS, freshDatabaseUri, onFerretDB } from '../helpers/database'
import { pngImage, upload, uploadForm } from '../helpers/files'
import { graphql } from '../helpers/graphql'
import { invalidFields, login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

/** Every JSON type, and the edges of each. */
const VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  '',
  'x',
  'x'.repeat(2000),
  [],
  [1],
  ['x'],
  {},
  { a: 1 },
  { a: { b: [{ c: [1, 'x', null] }] } },
]
/** Bodies that are valid JSON but not an object, and some that are not JSON. */
const NOT_OBJECTS = ['null', '"x"', '5', 'true', '[]', '[1]', '[{"name":"x"}]', '{', 'nul', '{"a":1}{"a":1}']
const CONCURRENCY = 2

type Id = number | string
type Probe = { path: string; body: (value: unknown) => Record<string, unknown> }

let cms: Cms
let token: string
let config: SanitizedConfig
const failures: string[] = []
const tally: Record<string, number> = {}
const count = (kind: string) => (tally[kind] = (tally[kind] ?? 0) + 1)

/**
 * One probe per field that stores data, at any depth: the body that puts a value there (inside
 * its group, its array's first row, its block). Layout-only fields (rows, collapsibles, unnamed
 * tabs) are looked through, as Payload does.
 */
function probesOf(
  fields: Field[],
  wrap: (inner: Record<string, unknown>) => Record<string, unknown> = (inner) => inner,
  prefix = '',
): Probe[] {
  return fields.flatMap((field): Probe[] => {
    if (field.type === 'row' || field.type === 'collapsible' || (field.type === 'group' && !('name' in field && field.name))) {
      return probesOf(field.fields, wrap, prefix)
    }
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) =>
        tabHasName(tab) ? probesOf([{ ...tab, type: 'group' } as Field], wrap, prefix) : probesOf(tab.fields, wrap, prefix),
      )
    }
    if (!fieldAffectsData(field)) return []
    const path = `${prefix}${field.name}`
    const here = (value: unknown) => wrap({ [field.name]: value })
    const own: Probe = { path, body: here }
    if (field.type === 'group') return [own, ...probesOf(field.fields, (inner) => here(inner), `${path}.`)]
    if (field.type === 'array') return [own, ...probesOf(field.fields, (inner) => here([inner]), `${path}.0.`)]
    if (field.type === 'blocks') {
      return [
        own,
        ...field.blocks.flatMap((block) => probesOf(block.fields, (inner) => here([{ blockType: block.slug, ...inner }]), `${path}.0.`)),
      ]
    }
    return [own]
  })
}

const withPassword = (collection: SanitizedCollectionConfig): Probe[] => [
  ...probesOf(collection.fields),
  ...(collection.auth && !collection.auth.disableLocalStrategy
    ? [{ path: 'password', body: (value: unknown) => ({ password: value }) }]
    : []),
]

/** Runs tasks, a few at a time. */
async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item)
    }),
  )
}

const asAdmin = () => ({ authorization: `JWT ${token}` })
const show = (value: unknown) => JSON.stringify(value)?.slice(0, 120)

/** What the admin sees of a document (status and body), to prove a refused write changed nothing. */
async function snapshot(slug: string, id: Id | undefined): Promise<string> {
  if (id === undefined) return ''
  const response = await rest(cms.url, `${slug}/${id}?depth=0&draft=true`, { headers: asAdmin() })
  return `${response.status} ${JSON.stringify(response.body)}`
}
async function total(slug: string): Promise<number | undefined> {
  const response = await rest(cms.url, `${slug}?limit=1&depth=0`, { headers: asAdmin() })
  return response.status === 200 ? response.body.totalDocs : undefined
}

/** The document each collection's PATCHes aim at: made here for ours, else the first there is. */
const TARGETS: Record<string, () => Promise<Id>> = {
  items: async () =>
    (await rest(cms.url, 'items', { method: 'POST', headers: asAdmin(), body: { name: 'Fuzz target', price: 100, quantity: 1 } })).body.doc
      .id,
  categories: async () =>
    (await rest(cms.url, 'categories', { method: 'POST', headers: asAdmin(), body: { name: 'Fuzz aisle', position: 1 } })).body.doc.id,
  // Never the admin's own account: a fuzzed password or lock must not lock the suite out.
  users: async () =>
    (
      await rest(cms.url, 'users', {
        method: 'POST',
        headers: asAdmin(),
        body: { username: 'fuzz-target', password: 'fuzz-target-password', roles: ['staff'] },
      })
    ).body.doc.id,
  'api-clients': async () =>
    (await rest(cms.url, 'api-clients', { method: 'POST', headers: asAdmin(), body: { name: 'Fuzz target' } })).body.doc.id,
  media: async () =>
    (
      await upload(
        cms.url,
        'media',
        uploadForm({ data: await pngImage({ width: 20, height: 20 }), name: 'f.png', type: 'image/png' }, { alt: 'Fuzz target' }),
        asAdmin(),
      )
    ).body.doc.id,
}
async function targetOf(slug: string): Promise<Id | undefined> {
  if (TARGETS[slug]) return TARGETS[slug]()
  const first = await rest(cms.url, `${slug}?limit=1&depth=0`, { headers: asAdmin() })
  return first.status === 200 ? first.body.docs[0]?.id : undefined
}

/**
 * FerretDB answers a unique-index clash in an update with a 500 where MongoDB (and SQLite) give
 * Payload a duplicate key it turns into a 400 (FERRETDB_LACKS.duplicateKeyOnUpdate); e.g. an aisle
 * PATCHed to slug "x" after the fuzz created an aisle named "x". Such a 500 is told apart by the
 * server's own log (FerretDB's "UNIQUE constraint failed" error), counted and printed, never
 * hidden; any other 5xx stays a failure.
 */
const ferretDbUniqueClashes: string[] = []
let uniqueErrorsLogged = 0
async function ferretDbUniqueClash(): Promise<boolean> {
  if (!onFerretDB()) return false
  for (let tries = 0; tries < 20; tries++) {
    const logged = cms.output().split('UNIQUE constraint failed').length - 1
    if (logged > uniqueErrorsLogged) {
      uniqueErrorsLogged = logged
      return true
    }
    await new Promise((resolve) => setTimeout(resolve, 50)) // the log may arrive after the answer
  }
  return false
}

/**
 * A worker per collection sends its cases one after another, so that after each one the target
 * can be read back: unchanged if the write was refused, the new reference if it was accepted.
 */
class Subject {
  reference = ''
  created = 0
  refusedCreates = 0
  constructor(
    readonly collection: SanitizedCollectionConfig,
    readonly id: Id | undefined,
  ) {}
  get slug() {
    return this.collection.slug
  }
  async start() {
    this.reference = await snapshot(this.slug, this.id)
  }
  /** The target once it stops changing: an accepted write may be followed by one after its commit. */
  async settled(first: string): Promise<string> {
    let last = first
    for (let tries = 0; tries < 3; tries++) {
      const again = await snapshot(this.slug, this.id)
      if (again === last) return again
      last = again
    }
    return last
  }
  /** Records the outcome of one write: never a 5xx; refused → unchanged; accepted → new reference. */
  async outcome(kind: string, label: string, status: number, body: unknown, { create = false }: { create?: boolean } = {}) {
    count(kind)
    if (status >= 500) {
      if (!create && (await ferretDbUniqueClash())) ferretDbUniqueClashes.push(label)
      else failures.push(`${label} → ${status} ${show(body)}`)
    }
    const accepted = status < 300 || status >= 500
    if (create) return void (status < 300 ? this.created++ : this.refusedCreates++)
    const now = await snapshot(this.slug, this.id)
    if (accepted) this.reference = await this.settled(now)
    else if (now !== this.reference) {
      const [before, after] = [this.reference, now].map((text) => JSON.parse(text.slice(4) || '{}') as Record<string, unknown>)
      const changed = Object.keys({ ...before, ...after }).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      failures.push(`${label} → ${status}, refused, yet the target changed: ${changed.join(', ')}`)
      this.reference = now // report each change once
    }
    // A ValidationError names the fields it refuses.
    if (
      status === 400 &&
      (body as { errors?: { name?: string }[] })?.errors?.[0]?.name === 'ValidationError' &&
      invalidFields(body).length === 0
    ) {
      failures.push(`${label} → 400 naming no field`)
    }
  }
}

async function restCases(subject: Subject, probes: Probe[], anonymousSample: boolean) {
  const { slug, id } = subject
  const where = `where[id][equals]=${id ?? 999_999}`
  let n = 0
  for (const probe of probes) {
    for (const value of VALUES) {
      const body = probe.body(value)
      const label = (method: string) => `${method} ${slug} ${probe.path}=${show(value)}`
      const post = await rest(cms.url, `${slug}?depth=0`, { method: 'POST', headers: asAdmin(), body })
      await subject.outcome('rest POST', label('POST'), post.status, post.body, { create: true })
      const byId = await rest(cms.url, `${slug}/${id ?? 999_999}?depth=0`, { method: 'PATCH', headers: asAdmin(), body })
      await subject.outcome('rest PATCH by id', label('PATCH /:id'), byId.status, byId.body)
      const byWhere = await rest(cms.url, `${slug}?${where}&depth=0`, { method: 'PATCH', headers: asAdmin(), body })
      await subject.outcome('rest PATCH by where', label('PATCH ?where'), byWhere.status, byWhere.body)
      if (anonymousSample && n++ % 10 === 0) {
        for (const [method, path] of [
          ['POST', slug],
          ['PATCH', `${slug}/${id ?? 999_999}`],
          ['PATCH', `${slug}?${where}`],
        ]) {
          const response = await rest(cms.url, path, { method, body })
          if (response.status < 400) failures.push(`anonymous ${method} ${path} ${probe.path}=${show(value)} → ${response.status}`)
          await subject.outcome(
            'rest anonymous',
            `anonymous ${method} ${path} ${probe.path}=${show(value)}`,
            response.status,
            response.body,
            { create: method === 'POST' },
          )
        }
      }
    }
  }
  for (const text of NOT_OBJECTS) {
    for (const [method, path] of [
      ['POST', slug],
      ['PATCH', `${slug}/${id ?? 999_999}`],
      ['PATCH', `${slug}?${where}`],
    ]) {
      const response = await rest(cms.url, path, { method, headers: asAdmin(), body: text })
      if (response.status < 400) failures.push(`${method} ${path} with body ${text} → ${response.status}`)
      await subject.outcome('rest body not an object', `${method} ${path} body ${text}`, response.status, response.body, {
        create: method === 'POST',
      })
    }
  }
  for (const [type, text] of [
    ['text/plain', '{"name":"x"}'],
    ['application/x-www-form-urlencoded', 'name=x'],
  ]) {
    for (const [method, path] of [
      ['POST', slug],
      ['PATCH', `${slug}/${id ?? 999_999}`],
    ]) {
      const response = await rest(cms.url, path, { method, headers: { ...asAdmin(), 'content-type': type }, body: text })
      await subject.outcome('rest body not JSON', `${method} ${path} as ${type}`, response.status, response.body, {
        create: method === 'POST',
      })
    }
  }
}

/**
 * GraphQL, as Payload names it for each collection: create<Singular>(data: mutation<Singular>Input)
 * and update<Singular>(id, data: mutation<Singular>UpdateInput). (Introspection is off in
 * production builds, so the names come from the config; a field the input type lacks, e.g. a
 * hidden one, is found by one probe and skipped.)
 */
async function graphqlCases(subject: Subject) {
  const { graphQL } = subject.collection
  if (graphQL === false) return
  // As @payloadcms/graphql names them (initCollections).
  const singular = graphQL?.singularName ? toWords(graphQL.singularName, true) : formatNames(subject.slug).singular
  const idType = typeof subject.id === 'string' ? 'String' : 'Int'
  const fields = withPassword(subject.collection)
    .map((probe) => probe.path)
    .filter((path) => !path.includes('.'))
  for (const create of [true, false]) {
    const mutation = `${create ? 'create' : 'update'}${singular}`
    const query = create
      ? `mutation Fuzz($data: mutation${singular}Input!) { ${mutation}(data: $data) { __typename } }`
      : `mutation Fuzz($data: mutation${singular}UpdateInput!, $id: ${idType}!) { ${mutation}(id: $id, data: $data) { __typename } }`
    const send = (variables: Record<string, unknown>) =>
      graphql(cms.url, query, { headers: asAdmin(), variables: create ? variables : { ...variables, id: subject.id ?? 999_999 } })
    // Probes that GraphQL refuses before running anything (`__probe` is in no input type): does
    // the mutation exist, and which of the fields does its input type have?
    const probe = (data: Record<string, unknown>) => send({ data: { ...data, __probe: 1 } })
    if ((await probe({})).errors?.some((error) => /Unknown type|Cannot query field/.test(error.message))) continue
    const known = []
    for (const field of fields) {
      const answer = await probe({ [field]: null })
      if (!answer.errors?.some((error) => error.message.includes(`Field "${field}" is not defined`))) known.push(field)
    }
    for (const field of known) {
      for (const value of VALUES) {
        const response = await send({ data: { [field]: value } })
        const broken = response.errors?.find(
          (error) => (error.extensions?.statusCode ?? 0) >= 500 || /something went wrong/i.test(error.message),
        )
        const accepted = response.status < 300 && !response.errors?.length && response.data?.[mutation]
        await subject.outcome(
          `graphql ${create ? 'create' : 'update'}`,
          `GraphQL ${mutation} ${field}=${show(value)}`,
          broken || response.status >= 500 ? 500 : accepted ? 200 : 400,
          broken ?? response.errors,
          { create },
        )
      }
    }
  }
}

/** The auth routes read their own bodies (no collection hook sees them raw). */
async function authCases(collection: SanitizedCollectionConfig) {
  const routes = ['login', 'forgot-password', 'reset-password', 'unlock', 'first-register', 'refresh-token', 'verify/abc', 'logout']
  for (const route of routes) {
    const path = `${collection.slug}/${route}`
    const bodies: (string | Record<string, unknown>)[] = [
      ...['username', 'email', 'password', 'token'].flatMap((key) => VALUES.map((value) => ({ key: 'x', [key]: value }))),
      ...NOT_OBJECTS,
    ]
    for (const body of bodies) {
      // Anonymous, as a browser calls them; unlock also as the admin (it needs admin access).
      for (const headers of route === 'unlock' ? [{}, asAdmin()] : [{}]) {
        const response = await rest(cms.url, path, { method: 'POST', headers, body })
        count('auth routes')
        if (response.status >= 500) failures.push(`POST ${path} ${show(body)} → ${response.status} ${show(response.body)}`)
      }
    }
  }
}

beforeAll(async () => {
  ;[cms, config] = await Promise.all([startCms({ databaseUri: freshDatabaseUri() }), (await import('../../payload.config')).default])
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
}, 180_000)
afterAll(async () => {
  if (failures.length > 0) {
    // Every failure and what the server said, for whoever investigates.
    const file = path.join(os.tmpdir(), `json-types-fuzz-${Date.now()}.log`)
    writeFileSync(file, `${failures.join('\n')}\n\n${cms?.output() ?? ''}`)
    console.log(`[json-types fuzz] all ${failures.length} failures and the server's log: ${file}`)
  }
  await cms?.stop()
})

describe('every field of every collection × every JSON type (schema-driven fuzz)', () => {
  it('never answers 5xx, names the refused field, and a refused write changes nothing', async () => {
    const started = Date.now()
    const subjects = await Promise.all(
      config.collections.map(async (collection) => new Subject(collection, await targetOf(collection.slug))),
    )
    const before = new Map(await Promise.all(subjects.map(async (subject) => [subject.slug, await total(subject.slug)] as const)))
    const fieldCount = subjects.reduce((sum, subject) => sum + withPassword(subject.collection).length, 0)
    await pool(subjects, CONCURRENCY, async (subject) => {
      await subject.start()
      await restCases(subject, withPassword(subject.collection), true)
      await graphqlCases(subject)
      if (subject.collection.auth) await authCases(subject.collection)
    })
    // GraphQL bodies that are not a query.
    for (const text of [
      ...NOT_OBJECTS,
      '{"query":5}',
      '{"query":"{","variables":"x"}',
      '{"query":"{ Items { totalDocs } }","variables":5}',
    ]) {
      const response = await rest(cms.url, 'graphql', { method: 'POST', headers: asAdmin(), body: text })
      count('graphql body not an object')
      if (response.status >= 500) failures.push(`POST /api/graphql ${text} → ${response.status} ${show(response.body)}`)
    }
    // Refused creates added nothing (the audit log grows with every accepted write elsewhere).
    for (const subject of subjects) {
      const after = await total(subject.slug)
      if (subject.slug !== 'audit-log' && before.get(subject.slug) !== undefined && after !== before.get(subject.slug)! + subject.created) {
        failures.push(`${subject.slug}: ${before.get(subject.slug)} documents before, ${subject.created} accepted creates, ${after} after`)
      }
    }
    if (ferretDbUniqueClashes.length > 0) {
      console.log(
        `[minimart] known difference on FerretDB, not checked: ${ferretDbUniqueClashes.length} updates that clash on a unique ` +
          `field (${ferretDbUniqueClashes.slice(0, 4).join('; ')}): FerretDB ${FERRETDB_LACKS.duplicateKeyOnUpdate}`,
      )
    }
    const cases = Object.values(tally).reduce((sum, one) => sum + one, 0)
    console.log(
      `[json-types fuzz] ${cases} cases (${config.collections.length} collections, ${fieldCount} fields × ${VALUES.length} values) ` +
        `in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(tally)}; ${failures.length} failures`,
    )
    expect(failures.slice(0, 40)).toEqual([])
    expect(cases).toBeGreaterThanOrEqual(5000)
  }, 600_000)
})

describe('regressions: wrong JSON types (issue 11, finding 4)', () => {
  const refusedWith = async (method: string, path: string, body: unknown, field: string) => {
    const response = await rest(cms.url, path, { method, headers: asAdmin(), body })
    expect(response.status, `${method} ${path} ${show(body)} → ${show(response.body)}`).toBe(400)
    expect(invalidFields(response.body)).toContain(field)
  }

  it('names the field for a name or slug that is not text, an image given as an object, and users’ username, email, password', async () => {
    const item = (await rest(cms.url, 'items', { method: 'POST', headers: asAdmin(), body: { name: 'Kopi', price: 150 } })).body.doc
    for (const [field, value] of [
      ['name', 5],
      ['name', { a: 1 }],
      ['slug', 5],
      ['slug', ['x']],
      ['image', { a: 1 }],
      ['image', [1]],
    ] as const) {
      await refusedWith('POST', 'items', { name: 'Teh', price: 150, [field]: value }, field)
      await refusedWith('PATCH', `items/${item.id}`, { [field]: value }, field)
    }
    for (const [field, value] of [
      ['username', 5],
      ['email', 5],
      ['email', {}],
      ['password', 5],
      ['password', ['x']],
    ] as const) {
      await refusedWith('POST', 'users', { username: 'someone', password: 'long-enough-password', roles: ['staff'], [field]: value }, field)
    }
    await refusedWith('POST', 'users/login', { username: 5, password: 'x' }, 'username')
    expect((await rest(cms.url, `items/${item.id}?depth=0`, { headers: asAdmin() })).body).toEqual(item)
  })

  it('answers 400 for a body that is JSON but not an object, on items, users and api-clients, by POST and PATCH', async () => {
    for (const slug of ['items', 'users', 'api-clients']) {
      for (const text of ['null', '"x"', '5', 'true', '[1]']) {
        for (const [method, path] of [
          ['POST', slug],
          ['PATCH', `${slug}/1`],
          ['PATCH', `${slug}?where[id][equals]=1`],
        ]) {
          const response = await rest(cms.url, path, { method, headers: asAdmin(), body: text })
          expect(response.status, `${method} ${path} ${text} → ${show(response.body)}`).toBe(400)
          expect(response.body.errors[0].message).toMatch(/must be a JSON object/)
        }
      }
    }
  })
})

describe('regressions: unbounded work (issue 11, finding 5)', () => {
  /** A `where` with and/or nested `depth` levels. */
  const nested = (depth: number) => {
    let where: Record<string, unknown> = { name: { equals: 'x' } }
    for (let level = 0; level < depth; level++) where = { and: [where] }
    return where
  }
  const overrideGet = (form: string, headers: Record<string, string> = {}) =>
    rest(cms.url, 'items', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET', ...headers },
      body: form,
    })

  it('answers 400 to where=abc sent as a form body with X-Payload-HTTP-Method-Override: GET', async () => {
    const response = await overrideGet('where=abc')
    expect(response.status, show(response.body)).toBe(400)
    expect(response.body.errors[0].message).toMatch(/"where" parameter is not valid JSON/)
    // The override itself still works.
    expect((await overrideGet(`where=${encodeURIComponent(JSON.stringify({ name: { equals: 'x' } }))}`)).status).toBe(200)
  })

  it('answers 400 to a where nested 1 200 levels deep (REST, method override, GraphQL), and serves 10 levels', async () => {
    const deep = encodeURIComponent(JSON.stringify(nested(1200)))
    const overridden = await overrideGet(`where=${deep}`)
    expect(overridden.status, show(overridden.body)).toBe(400)
    expect(overridden.body.errors[0].message).toMatch(/at most 10 levels/)
    const get = await rest(cms.url, `items?where=${encodeURIComponent(JSON.stringify(nested(50)))}`)
    expect(get.status, show(get.body)).toBe(400)
    let graphWhere = '{ name: { equals: "x" } }'
    for (let level = 0; level < 200; level++) graphWhere = `{ AND: [${graphWhere}] }`
    const viaGraphql = await graphql(cms.url, `{ Items(where: ${graphWhere}) { totalDocs } }`)
    expect(viaGraphql.status, show(viaGraphql)).toBeLessThan(500)
    expect(viaGraphql.errors?.length, show(viaGraphql)).toBeGreaterThan(0)
    expect((await rest(cms.url, `items?where=${encodeURIComponent(JSON.stringify(nested(10)))}`)).status).toBe(200)
  })

  /**
   * Sends the headers and the first bytes of a body that claims to be large, then waits: an
   * answer that comes before the rest of the body was sent was decided without reading it.
   */
  const answerBeforeBody = (path: string, headers: Record<string, string>, declaredBytes?: number) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const url = new URL(`${cms.url}/api/${path}`)
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...headers,
            ...(declaredBytes ? { 'content-length': String(declaredBytes) } : {}),
          },
        },
        (response) => {
          let text = ''
          response.on('data', (chunk) => (text += chunk))
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text || '{}') })
            request.destroy()
          })
        },
      )
      request.on('error', () => {}) // the server may close the connection while the body is unsent
      request.write(`{"name":"${'x'.repeat(1000)}`)
      setTimeout(() => {
        request.destroy()
        reject(new Error(`POST /api/${path}: no answer within 10 s while the body was still coming`))
      }, 10_000).unref()
    })

  it('refuses an anonymous write before reading its body, and any JSON body over 1 MB with 413', async () => {
    // Anonymous callers may not create items: 403 without waiting for the body.
    expect((await answerBeforeBody('items', {}, 900_000)).status).toBe(403)
    expect((await answerBeforeBody('items', { 'transfer-encoding': 'chunked' })).status).toBe(403)
    // A declared 6 MB JSON body is refused before it is read, whoever sends it, wherever it goes.
    for (const [path, headers] of [
      ['items', {}],
      ['items', asAdmin()],
      ['graphql', {}],
      ['users/login', {}],
    ] as const) {
      const { status, body } = await answerBeforeBody(path, headers, 6 * 1024 * 1024)
      expect(status, path).toBe(413)
      expect(body.errors[0].message).toMatch(/at most 1 MB/)
    }
    // A body streamed without Content-Length is counted as it arrives.
    const streamed = await fetch(`${cms.url}/api/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asAdmin() },
      body: new Blob([JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), price: 1 })]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    // Just under the limit is read and validated as usual.
    const large = await rest(cms.url, 'items', { method: 'POST', headers: asAdmin(), body: { name: 'x'.repeat(900_000), price: 1 } })
    expect(large.status).toBe(400)
    expect(invalidFields(large.body)).toContain('name')
  })

  it('keeps accepting image uploads over 1 MB (multipart has its own 5 MB limit)', async () => {
    const noise = Buffer.alloc(800 * 800 * 3)
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24
    const photo = await sharp(noise, { raw: { width: 800, height: 800, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer()
    expect(photo.length).toBeGreaterThan(1024 * 1024)
    const uploaded = await upload(
      cms.url,
      'media',
      uploadForm({ data: photo, name: 'big.png', type: 'image/png' }, { alt: 'Noise' }),
      asAdmin(),
    )
    expect(uploaded.status, show(uploaded.body)).toBe(201)
  })
})
