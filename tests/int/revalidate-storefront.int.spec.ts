/**
 * The CMS's purge call to the storefront (cms/hooks/revalidateStorefront.ts): a real CMS, with
 * STOREFRONT_URL pointing at a small HTTP listener that records what arrives.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, freePort, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

type Purge = { method?: string; url?: string; authorization?: string; body: string }

const secret = randomBytes(32).toString('hex')
let listener: Server
let answer = 200
let purges: Purge[] = []
/** What the "storefront" does when told to purge, before it answers (as the real one refetches). */
let onPurge: () => Promise<void> = async () => {}
let cms: Cms
let token: string
let listenerUrl: string

const read = async (request: IncomingMessage): Promise<string> => {
  let body = ''
  for await (const chunk of request) body += chunk
  return body
}

beforeAll(async () => {
  const port = await freePort()
  listener = createServer(async (request, response) => {
    purges.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body: await read(request) })
    await onPurge()
    response.writeHead(answer).end()
  })
  await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve))
  listenerUrl = `http://127.0.0.1:${port}`
  cms = await startCms({
    databaseUri: freshDatabaseUri(),
    env: { STOREFRONT_URL: listenerUrl, REVALIDATE_SECRET: secret },
  })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
})
afterAll(async () => {
  await cms?.stop()
  listener?.close()
})
beforeEach(() => {
  purges = []
  answer = 200
  onPurge = async () => {}
})

const save = async (path: string, method: string, body?: unknown) => {
  const response = await rest(cms.url, path, { method, token, body })
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300)
  return response.body
}

describe('the CMS tells the storefront when what shoppers see changes', () => {
  it('publishing a new item: one POST to /api/revalidate with the secret, before the save answers', async () => {
    await save('items', 'POST', { name: 'Sago Pudding', price: 250, quantity: 3, _status: 'published' })
    expect(purges).toEqual([{ method: 'POST', url: '/api/revalidate', authorization: `Bearer ${secret}`, body: '{"collection":"items"}' }])
  })

  it('a draft changes nothing on the shop; publishing, editing, unpublishing and deleting do', async () => {
    const { doc } = await save('items', 'POST', { name: 'Ondeh Ondeh', price: 300, quantity: 5, _status: 'draft' })
    await save(`items/${doc.id}`, 'PATCH', { price: 320, _status: 'draft' })
    expect(purges).toHaveLength(0)

    await save(`items/${doc.id}`, 'PATCH', { _status: 'published' })
    expect(purges).toHaveLength(1)
    await save(`items/${doc.id}`, 'PATCH', { quantity: 0 })
    expect(purges).toHaveLength(2)
    await save(`items/${doc.id}`, 'PATCH', { _status: 'draft' })
    expect(purges).toHaveLength(3)
    await save(`items/${doc.id}`, 'PATCH', { _status: 'published' })
    await save(`items/${doc.id}`, 'DELETE')
    expect(purges).toHaveLength(5)
  })

  it('purges only once the change is committed: a refetch on the purge sees the new data', async () => {
    const { doc } = await save('items', 'POST', { name: 'Kueh Salat', price: 400, quantity: 5, _status: 'published' })
    const seen: unknown[] = []
    onPurge = async () => {
      // An anonymous read, as the shop makes, from another connection than the save's.
      const response = await rest(cms.url, `items/${doc.id}?depth=0`)
      seen.push(response.body.price)
    }
    await save(`items/${doc.id}`, 'PATCH', { price: 450 })
    expect(seen).toEqual([450])
  })

  it('a bulk edit of several items purges once', async () => {
    for (const name of ['Kaya Puff A', 'Kaya Puff B', 'Kaya Puff C']) {
      await save('items', 'POST', { name, price: 180, quantity: 9, _status: 'published' })
    }
    purges = []
    const { docs } = await save('items?where[name][like]=Kaya Puff&depth=0', 'PATCH', { quantity: 7 })
    expect(docs).toHaveLength(3)
    expect(purges).toHaveLength(1)
  })

  it('seeding the demo catalogue purges the shop once, not once per item', async () => {
    const seeded = await startCms({
      databaseUri: freshDatabaseUri(),
      env: { SEED_DEMO: 'true', STOREFRONT_URL: listenerUrl, REVALIDATE_SECRET: secret },
    })
    try {
      const { body } = await rest(seeded.url, 'items?limit=1&depth=0')
      expect(body.totalDocs).toBeGreaterThan(1)
      expect(purges.map((purge) => purge.body)).toEqual([JSON.stringify({ collection: 'items' })])
    } finally {
      await seeded.stop()
    }
  })

  it('a storefront that refuses or is down never fails the save', async () => {
    answer = 401
    await save('items', 'POST', { name: 'Kueh Lapis', price: 450, quantity: 2, _status: 'published' })
    expect(purges).toHaveLength(1)
    await new Promise<void>((resolve) => listener.close(() => resolve()))
    listener.closeAllConnections()
    const { doc } = await save('items', 'POST', { name: 'Pandan Chiffon', price: 900, quantity: 1, _status: 'published' })
    expect(doc.name).toBe('Pandan Chiffon')
    expect(cms.output()).toMatch(/Storefront purge refused: .* answered 401/)
    expect(cms.output()).toMatch(/Storefront purge failed/)
  })
})
