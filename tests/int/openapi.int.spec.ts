/**
 * The OpenAPI document at /api/openapi.json, as a program's author uses it: it must validate
 * (swagger-parser, OpenAPI 3.0), list only what this API offers, and a typed client generated from
 * it (openapi-typescript + openapi-fetch), type-checked with tsc, must read published items.
 */

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import openapiTS, { astToString } from 'openapi-typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, root, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let spec: Record<string, any>
/** Generated code lives under the repository, so that it resolves openapi-fetch from node_modules. */
let generated: string

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } })
  const response = await fetch(`${cms.url}/api/openapi.json`)
  expect(response.status).toBe(200)
  spec = await response.json()
  mkdirSync(path.join(root, 'tests/.generated'), { recursive: true })
  generated = mkdtempSync(path.join(root, 'tests/.generated/openapi-client-'))
})
afterAll(async () => {
  await cms?.stop()
  if (generated) rmSync(generated, { recursive: true, force: true })
})

/** A program's own code, written against the generated types; `tsc` must accept it. */
const CLIENT = `
import createClient from 'openapi-fetch'
import { stringify } from 'qs-esm'

import type { paths } from './minimart-api.ts'

// Ids are numbers on SQLite and strings on MongoDB, as the generated document says.
type Id = ${databaseKind() === 'mongodb' ? 'string' : 'number'}

// Payload reads nested query objects (where[price][less_than]=500) the way qs writes them, as its docs show.
const querySerializer = (query: Record<string, unknown>) => stringify(query)

/** The README's first example: items under $5, cheapest first. */
export async function cheapItems(baseUrl: string, limit: number) {
  const client = createClient<paths>({ baseUrl, querySerializer })
  const { data, error } = await client.GET('/api/items', {
    params: { query: { where: { price: { less_than: 500 } }, sort: 'price', limit, depth: 0 } },
  })
  if (error || !data) throw new Error('listing items failed')
  // Typed: a price is a number of cents, a name a string.
  return data.docs.map((item): { id: Id; name: string; price: number } => ({ id: item.id, name: item.name, price: item.price }))
}

export async function itemById(baseUrl: string, id: Id) {
  const client = createClient<paths>({ baseUrl, querySerializer })
  const { data, response } = await client.GET('/api/items/{id}', { params: { path: { id }, query: { depth: 0 } } })
  const name: string | undefined = data?.name
  return { status: response.status, name, slug: data?.slug }
}

/** The README's search example: typos forgiven, best match first. */
export async function searchItems(baseUrl: string, q: string) {
  const client = createClient<paths>({ baseUrl, querySerializer })
  const { data, error } = await client.GET('/api/items/search', { params: { query: { q, limit: 3, depth: 0 } } })
  if (error || !data) throw new Error('searching failed')
  const names: string[] = data.docs.map((item) => item.name)
  const suggestions: string[] = data.suggestions.map((suggestion) => suggestion.name)
  return { names, total: data.totalDocs, suggestions }
}

export function wrongTypesAreRefused(baseUrl: string) {
  const client = createClient<paths>({ baseUrl, querySerializer })
  // @ts-expect-error limit is a number
  void client.GET('/api/items', { params: { query: { limit: 'ten' } } })
  // @ts-expect-error q is required
  void client.GET('/api/items/search', { params: { query: { limit: 3 } } })
  // @ts-expect-error there is no such route
  void client.GET('/api/items/{id}/nothing')
}
`

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.0 (swagger-parser)', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(spec) as never)).resolves.toBeTruthy()
  })

  it('lists only what applies: no localization parameters, no first-user registration', () => {
    const text = JSON.stringify(spec)
    expect(text).not.toMatch(/"name":"(locale|fallback-locale)"/)
    expect(Object.keys(spec.paths)).not.toContain('/api/users/first-register')
    expect(text).not.toContain('"required":[]')
    // Reading by id answers the item itself (not a create's {message, doc}).
    expect(spec.paths['/api/items/{id}'].get.responses['200']).toEqual({ $ref: '#/components/responses/ItemResponse' })
  })

  it('generates a typed client that type-checks and reads published items as an API user would', async () => {
    writeFileSync(path.join(generated, 'minimart-api.ts'), astToString(await openapiTS(spec as never)))
    writeFileSync(path.join(generated, 'client.ts'), CLIENT)
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc')
    const args = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--allowImportingTsExtensions',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2023',
      'client.ts',
    ]
    try {
      execFileSync(process.execPath, [tsc, ...args], { cwd: generated, encoding: 'utf8' })
    } catch (error) {
      throw new Error(`the generated client does not type-check:\n${(error as { stdout?: string }).stdout}`)
    }

    const client = await import(path.join(generated, 'client.ts'))
    const cheap: { id: number; name: string; price: number }[] = await client.cheapItems(cms.url, 5)
    expect(cheap).toHaveLength(5)
    const prices = cheap.map((item) => item.price)
    expect(prices.every((price) => Number.isInteger(price) && price < 500)).toBe(true)
    expect(prices).toEqual([...prices].sort((a, b) => a - b))
    expect(await client.itemById(cms.url, cheap[0].id)).toMatchObject({ status: 200, name: cheap[0].name })

    expect((await client.searchItems(cms.url, 'choclate')).names[0]).toBe('Dark Chocolate Bar 100 g')
    expect((await client.searchItems(cms.url, 'chocolate umbrella')).suggestions).toContain('Umbrella, Compact')

    // A draft is not there for an anonymous program.
    const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
    const draft = await rest(cms.url, 'items', { method: 'POST', token, body: { name: 'Secret Draft Bun', price: 100, quantity: 1 } })
    expect(draft.status).toBe(201)
    expect(await client.itemById(cms.url, draft.body.doc.id)).toMatchObject({ status: 404, name: undefined })
  })
})
