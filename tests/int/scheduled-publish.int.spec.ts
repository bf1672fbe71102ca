/**
 * Scheduled publish and unpublish (Items: versions.drafts.schedulePublish, Payload's jobs queue)
 * with two CMS processes on one database, both looking for due jobs every second (JOBS_CRON), and
 * a storefront that only hears of changes through the CMS's purge (no polling, a 5-minute cache):
 * each scheduled change happens exactly once (one version, one audit entry), and the shop shows it.
 *
 * The jobs are queued as the admin's Schedule drawer queues them (payload.jobs.queue writes one
 * row in payload-jobs: task, input with the item and the scheduling account, waitUntil), written
 * straight into the database, because nobody may queue jobs over HTTP. The drawer itself is
 * driven in the browser by tests/e2e/preview-and-schedule.e2e.spec.ts.
 */
import { randomBytes } from 'node:crypto'
import { createClient } from '@libsql/client'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { type Cms, type Shop, startCms, startShop, TEST_ADMIN_PASSWORD } from '../helpers/servers'

const EVERY_SECOND = { JOBS_CRON: '* * * * * *' }

let stack: Shop
let second: Cms
let adminToken: string
let adminId: string

beforeAll(async () => {
  const databaseUri = freshDatabaseUri()
  const PAYLOAD_SECRET = randomBytes(32).toString('hex')
  stack = await startShop({
    cms: { databaseUri, env: { PAYLOAD_SECRET, ...EVERY_SECOND } },
    // Only the CMS's purge can refresh this shop: a change it shows proves the purge fired.
    shopEnv: { CMS_CACHE_SECONDS: '300', CATALOGUE_POLL_MS: '0' },
  })
  second = await startCms({
    databaseUri,
    env: { PAYLOAD_SECRET, REVALIDATE_SECRET: stack.secret, STOREFRONT_URL: stack.shop.url, ...EVERY_SECOND },
  })
  adminToken = await login(stack.cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  adminId = String((await rest(stack.cms.url, 'users/me', { token: adminToken })).body.user.id)
}, 240_000)
afterAll(async () => {
  await second?.stop()
  await stack?.stop()
})

type Job = { type: 'publish' | 'unpublish'; itemId: string; at: Date }

/** Queues scheduled publishes as payload.jobs.queue does for the admin's Schedule drawer. */
async function queueJobs(jobs: Job[]): Promise<void> {
  const input = (job: Job) => ({
    type: job.type,
    doc: { relationTo: 'items', value: job.itemId },
    user: { relationTo: 'users', value: databaseKind() === 'sqlite' ? Number(adminId) : adminId },
  })
  const uri = stack.cms.databaseUri
  if (databaseKind() === 'sqlite') {
    const db = createClient({ url: uri })
    try {
      // As every CMS connection does: wait for the write lock (the two CMS processes claim due
      // jobs every second) instead of failing at once with "database is locked".
      await db.execute('PRAGMA busy_timeout = 5000')
      for (const job of jobs) {
        await db.execute({
          sql: `INSERT INTO payload_jobs (input, task_slug, queue, wait_until, processing, has_error, total_tried) VALUES (?, 'schedulePublish', 'default', ?, 0, 0, 0)`,
          args: [JSON.stringify(input(job)), job.at.toISOString()],
        })
      }
    } finally {
      db.close()
    }
    return
  }
  const client = await MongoClient.connect(uri)
  try {
    const now = new Date()
    await client
      .db()
      .collection('payload-jobs')
      .insertMany(
        jobs.map((job) => ({
          input: input(job),
          taskSlug: 'schedulePublish',
          queue: 'default',
          waitUntil: job.at,
          processing: false,
          hasError: false,
          totalTried: 0,
          log: [],
          createdAt: now,
          updatedAt: now,
        })),
      )
  } finally {
    await client.close()
  }
}

/** How many scheduled-publish jobs are still in the queue (Payload deletes each once it completed). */
async function jobsLeft(): Promise<number> {
  const uri = stack.cms.databaseUri
  if (databaseKind() === 'sqlite') {
    const db = createClient({ url: uri })
    try {
      const { rows } = await db.execute(`SELECT count(*) AS n FROM payload_jobs WHERE task_slug = 'schedulePublish'`)
      return Number(rows[0].n)
    } finally {
      db.close()
    }
  }
  const client = await MongoClient.connect(uri)
  try {
    return await client.db().collection('payload-jobs').countDocuments({ taskSlug: 'schedulePublish' })
  } finally {
    await client.close()
  }
}

const createItem = async (body: Record<string, unknown>) => {
  const response = await rest(stack.cms.url, 'items', { method: 'POST', token: adminToken, body })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body.doc as { id: number | string; slug: string }
}

const shopPage = async (path: string) => {
  const response = await fetch(`${stack.shop.url}${path}`)
  return { status: response.status, text: await response.text(), cache: response.headers.get('x-cache') }
}

async function until(what: string, check: () => Promise<boolean>, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`never happened: ${what}`)
}

/** The item's versions with this status saved since `since` (each publish or unpublish saves one). */
async function versionsSince(id: number | string, status: 'draft' | 'published', since: string): Promise<number> {
  const query = `where[parent][equals]=${id}&where[version._status][equals]=${status}&where[createdAt][greater_than]=${since}&limit=100&depth=0`
  const response = await rest(stack.cms.url, `items/versions?${query}`, { token: adminToken })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.totalDocs
}

/** The item's audit entries for updates since `since`, with who made them. */
async function updatesSince(id: number | string, since: string): Promise<string[]> {
  const query = `where[collectionSlug][equals]=items&where[documentId][equals]=${id}&where[action][equals]=update&where[createdAt][greater_than]=${since}&limit=100&depth=0`
  const response = await rest(stack.cms.url, `audit-log?${query}`, { token: adminToken })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.docs.map((entry: { actor: string }) => entry.actor)
}

/** Both CMS processes have looked for due jobs at least twice more since the queue emptied. */
const twoMoreTicks = () => new Promise((resolve) => setTimeout(resolve, 2500))

describe('scheduled publishing with two CMS processes on one database', () => {
  it('"goes on sale" at the set time: each item is published once, by the account that scheduled it, and the shop shows it', async () => {
    const drafts = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => createItem({ name: `Scheduled Mooncake ${n}`, price: 1000 + n, quantity: 4, _status: 'draft' })),
    )
    // A published item whose new price waits in a draft.
    const repriced = await createItem({ name: 'Scheduled Kopi Beans', price: 1200, quantity: 9, _status: 'published' })
    const draftSave = await rest(stack.cms.url, `items/${repriced.id}?draft=true`, {
      method: 'PATCH',
      token: adminToken,
      body: { price: 990, _status: 'draft' },
    })
    expect(draftSave.status, JSON.stringify(draftSave.body)).toBe(200)

    for (const item of drafts) expect((await shopPage(`/items/${item.slug}`)).status).toBe(404)
    expect((await shopPage(`/items/${repriced.slug}`)).text).toContain('$12.00')
    const cached = await shopPage(`/items/${repriced.slug}`)
    expect(cached.cache).toBe('HIT')
    expect(cached.text).not.toContain('$9.90')

    const since = new Date().toISOString()
    const at = new Date(Date.now() + 2000)
    await queueJobs([...drafts, repriced].map((item) => ({ type: 'publish', itemId: String(item.id), at })))

    for (const [n, item] of drafts.entries()) {
      await until(`${item.slug} on the shop`, async () => (await shopPage(`/items/${item.slug}`)).status === 200)
      expect((await shopPage(`/items/${item.slug}`)).text).toContain(`$10.0${n + 1}`)
    }
    await until('the new price on the shop', async () => (await shopPage(`/items/${repriced.slug}`)).text.includes('$9.90'))
    await until('the queue is empty', async () => (await jobsLeft()) === 0)
    await twoMoreTicks()

    for (const item of [...drafts, repriced]) {
      expect(await versionsSince(item.id, 'published', since), `published versions of ${item.slug}`).toBe(1)
      expect(await updatesSince(item.id, since), `audit entries of ${item.slug}`).toEqual(['unclepat'])
    }
    // Both processes ran the queue: the log of each says when it ran jobs.
    const ran = [stack.cms.output(), second.output()].map((output) => (output.match(/Running \d+ jobs/g) ?? []).length)
    expect(
      ran.reduce((a, b) => a + b),
      'runs that claimed jobs',
    ).toBeGreaterThan(0)
  })

  it('"take off sale" at the set time: unpublished once, and the shop no longer shows it', async () => {
    const item = await createItem({ name: 'Scheduled Durian Puff', price: 450, quantity: 2, _status: 'published' })
    expect((await shopPage(`/items/${item.slug}`)).status).toBe(200)
    expect((await shopPage(`/items/${item.slug}`)).cache).toBe('HIT')

    const since = new Date().toISOString()
    await queueJobs([{ type: 'unpublish', itemId: String(item.id), at: new Date(Date.now() + 2000) }])
    await until('off the shop', async () => (await shopPage(`/items/${item.slug}`)).status === 404)
    await until('the queue is empty', async () => (await jobsLeft()) === 0)
    await twoMoreTicks()

    expect(await versionsSince(item.id, 'draft', since)).toBe(1)
    expect(await updatesSince(item.id, since)).toEqual(['unclepat'])
    // Anonymous readers (the shop, API users) no longer see it at all.
    expect((await rest(stack.cms.url, `items/${item.id}`)).status).toBe(404)
  })

  it('a job not yet due stays queued', async () => {
    const item = await createItem({ name: 'Scheduled Next Week', price: 100, quantity: 1, _status: 'draft' })
    await queueJobs([{ type: 'publish', itemId: String(item.id), at: new Date(Date.now() + 7 * 24 * 3600 * 1000) }])
    await twoMoreTicks()
    expect(await jobsLeft()).toBe(1)
    expect((await shopPage(`/items/${item.slug}`)).status).toBe(404)
  })

  it('nobody may run or schedule jobs over HTTP, the staff included', async () => {
    for (const path of ['payload-jobs/run', 'payload-jobs/handle-schedules']) {
      expect([401, 403], `${path} anonymously`).toContain((await rest(stack.cms.url, path)).status)
      expect([401, 403], `${path} as admin`).toContain((await rest(stack.cms.url, path, { token: adminToken })).status)
    }
    const queued = await rest(stack.cms.url, 'payload-jobs', {
      method: 'POST',
      token: adminToken,
      body: { taskSlug: 'schedulePublish', input: { type: 'publish', doc: { relationTo: 'items', value: '1' } } },
    })
    expect(queued.status).toBe(403)
    expect((await rest(stack.cms.url, 'payload-jobs', { token: adminToken })).status).toBe(403)
  })
})
