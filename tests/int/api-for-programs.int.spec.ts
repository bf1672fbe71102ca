/**
 * The API as another program uses it: the OpenAPI document the CMS serves, the README's curl
 * examples (run as written, against a real CMS), and API keys that read but never write.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { graphql } from '../helpers/graphql'
import { login, rest } from '../helpers/rest'
import { type Cms, root, startCms } from '../helpers/servers'

let cms: Cms
let adminToken: string
let aisleId: string
const API_KEY = 'readme-example-key-0123456789abcdef'

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true', ADMIN_PASSWORD: 'unclepat_2023_08' } })
  adminToken = await login(cms.url, 'unclepat', 'unclepat_2023_08')
  await rest(cms.url, 'api-clients', {
    method: 'POST',
    token: adminToken,
    body: { name: 'Price feed', enableAPIKey: true, apiKey: API_KEY },
  })
  // The README's aisle example reads AISLE, an aisle's id (the demo's Drinks).
  aisleId = String((await rest(cms.url, 'categories?where[slug][equals]=drinks&depth=0')).body.docs[0].id)
})
afterAll(() => cms?.stop())

describe('the OpenAPI document', () => {
  it('describes the items API, its query parameters and how to authenticate', async () => {
    const response = await fetch(`${cms.url}/api/openapi.json`)
    expect(response.status).toBe(200)
    const spec = await response.json()
    expect(spec.openapi).toMatch(/^3\./)
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/items', '/api/items/{id}', '/api/media', '/api/users/login']))
    const list = spec.paths['/api/items'].get
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['where', 'sort', 'limit', 'page', 'depth']),
    )
    expect(spec.components.securitySchemes.ApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' })
    expect(spec.components.securitySchemes.ApiKey.description).toContain('api-clients API-Key')
    // Internal and security collections are not advertised.
    expect(Object.keys(spec.paths).some((route) => /audit-log|api-clients|payload-/.test(route))).toBe(false)
  })
})

describe("the README's curl examples", () => {
  // Every `curl` line of the README's "Other programs" section, run against this CMS.
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Other programs'), readme.indexOf('\n## ', readme.indexOf('## Other programs') + 5))
  const commands = [...section.matchAll(/^curl .*$/gm)].map((match) => match[0])

  it('are there', () => {
    expect(commands.length).toBeGreaterThanOrEqual(5)
  })

  it.each(commands.map((command) => [command]))('%s', (command) => {
    const output = execFileSync('bash', ['-c', command.replaceAll('http://localhost:3000', cms.url)], {
      encoding: 'utf8',
      env: { ...process.env, KEY: API_KEY, TOKEN: adminToken, AISLE: aisleId },
    })
    const body = JSON.parse(output)
    expect(body.errors, output).toBeUndefined()
    if ('docs' in body) expect(body.docs.length).toBeGreaterThan(0)
  })
})

describe('an API key', () => {
  const key = { authorization: `api-clients API-Key ${API_KEY}` }

  it('reads the published catalogue, over REST and GraphQL', async () => {
    const list = await rest(cms.url, 'items?limit=5&depth=0', { headers: key })
    expect(list.status).toBe(200)
    expect(list.body.docs).toHaveLength(5)
    const viaGraphql = await graphql(cms.url, '{ Items(limit: 2) { docs { name price } } }', { headers: key })
    expect(viaGraphql.data?.Items.docs).toHaveLength(2)
  })

  it('never writes, and sees no drafts, accounts or audit log', async () => {
    const draft = await rest(cms.url, 'items', {
      method: 'POST',
      token: adminToken,
      body: { name: 'Unreleased Buns', price: 1, quantity: 1, _status: 'draft' },
    })
    expect((await rest(cms.url, `items/${draft.body.doc.id}`, { headers: key })).status).toBe(404)
    expect((await rest(cms.url, 'items', { method: 'POST', headers: key, body: { name: 'By key', price: 1, quantity: 1 } })).status).toBe(
      403,
    )
    expect((await rest(cms.url, `items/${draft.body.doc.id}`, { method: 'PATCH', headers: key, body: { price: 2 } })).status).toBe(403)
    expect((await rest(cms.url, 'users', { headers: key })).status).toBe(403)
    expect((await rest(cms.url, 'audit-log', { headers: key })).status).toBe(403)
    const mutation = await graphql(
      cms.url,
      `mutation { updateItem(id: ${JSON.stringify(draft.body.doc.id)}, data: { price: 2 }) { id } }`,
      { headers: key },
    )
    expect(mutation.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect((await rest(cms.url, `items/${draft.body.doc.id}?depth=0`, { token: adminToken })).body.price).toBe(1)
  })
})
