/**
 * `npm run bench`: seeds a fresh SQLite database with BENCH_ITEMS items through Payload's local
 * API (tests/bench/seed-local.ts), starts the built CMS and storefront on it, and measures with
 * autocannon what shoppers, crawlers and other programs do, against a static file served by the
 * same storefront server (the ceiling):
 *
 * - hot: the same URL again and again (answered from the shop's caches);
 * - cold: never the same URL twice (random item pages; random catalogue and aisle pages in each
 *   sort, in stock or not, within a price range or not; the CMS's REST by-slug and list queries for random
 *   items and views; random searches): each workload's URLs come from tests/bench/workloads.ts
 *   and search.ts, 50 of them are checked to answer 200 before measuring, and the table says how
 *   many of the requests were distinct (with a warning when a cold workload repeated a URL);
 *
 * then prints the table (req/s, % of the static file, p50, p99, errors) with the machine's load
 * average, and SQLite's plan for each query the shop sends. Figures are read, never asserted.
 *
 * BENCH_ITEMS (default 10000), BENCH_SECONDS per target (default 10), BENCH_CONNECTIONS (32);
 * BENCH_SEED_ONLY=1 stops after seeding (to time the seeding alone). For working on one
 * workload: BENCH_ONLY=<regular expression> measures only the workloads whose name matches (and
 * the static file), and skips the admin list, the search quality and the plans;
 * BENCH_DATABASE=<file> runs on a copy of a bench database seeded before (with the same
 * BENCH_ITEMS) instead of seeding one.
 */

import { randomBytes, randomUUID } from 'node:crypto'
import { copyFileSync, statSync } from 'node:fs'
import os from 'node:os'
import autocannon from 'autocannon'
import { stringify } from 'qs-esm'
import { sqliteFile } from '../../cms/database/urls.ts'
import { DEFAULT_VIEW, SORTS, type SortKey } from '../../storefront/src/lib/catalogue.ts'
import { catalogueCountQuery, catalogueQuery, itemBySlugQuery } from '../../storefront/src/lib/queries.ts'
import { seedBenchCatalogue } from '../helpers/benchCatalogue.ts'
import { openPlanner, planOf, statementsOn } from '../helpers/queryPlans.ts'
import { productionEnv, startCms, startStorefront, temporarySqliteUri } from '../helpers/servers.ts'
import { measureAdminList } from './adminList.ts'
import { random, shuffled } from './random.ts'
import { searchQuality, searchWorkloads } from './search.ts'
import { benchAisles, benchItems, benchNameParts } from './seed.ts'
import { aislePaths, cataloguePath, catalogueViews, inOrder, neverTwice, type PathSource, samePath } from './workloads.ts'

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined
// What browsers send: the shop's pages and the static file are compressed as in real use.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' }

type Figures = {
  name: string
  rps: number
  p50: number
  p99: number
  errors: number
  distinct: number
  requests: number
  load: string
}
type Workload = [name: string, base: string, paths: PathSource, headers: Record<string, string>]
/** URLs of each cold workload checked before measuring (and so never measured). */
const SAMPLE = 50

const say = (message: string) => console.log(`[bench] ${message}`)
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

/**
 * Asks for `count` of the workload's URLs (which it will not hand out again) and fails the bench
 * unless each answers 200 (a redirect, a 404 past the last page or a 400 would be measured as an
 * error, or as a cheap page), and a REST list has items in it (a search's first page may not).
 */
async function check(name: string, base: string, paths: PathSource, headers: Record<string, string>, count: number): Promise<void> {
  const ask = async () => {
    const path = paths.next()
    const response = await fetch(base + path, { headers, redirect: 'manual' })
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${name} answered ${response.status}: ${base}${path}`)
    // (A search may rightly find nothing on its first page, a typo too far; never past it.)
    const firstSearchPage = path.startsWith('/api/items/search?') && !/[?&]page=(?!1&)/.test(path)
    if (path.startsWith('/api/items') && !firstSearchPage && !(JSON.parse(body) as { docs: unknown[] }).docs.length) {
      throw new Error(`${name} answered no items: ${base}${path}`)
    }
  }
  // A few at a time, as the CMS's cold queries can take a while on a busy machine.
  for (let done = 0; done < count; done += 5) await Promise.all(Array.from({ length: Math.min(5, count - done) }, ask))
}

/**
 * autocannon on a workload's paths, one per request: one URL again and again (hot), or never the
 * same twice (cold); the repeats handed out while measuring give the distinct count.
 */
/**
 * Waits until every server answers its health probe within SETTLED_MS twice in a row (60 s at
 * most): a slow workload leaves queued work in the CMS when autocannon stops (the shop's requests
 * still in flight), and the next workload would be measured against that backlog.
 */
async function settle(probes: string[]): Promise<void> {
  const started = performance.now()
  let quick = 0
  while (quick < 2 && performance.now() - started < 60_000) {
    const times = await Promise.all(
      probes.map(async (url) => {
        const sent = performance.now()
        await fetch(url, { signal: AbortSignal.timeout(10_000) }).then(
          (response) => response.arrayBuffer(),
          () => undefined,
        )
        return performance.now() - sent
      }),
    )
    quick = Math.max(...times) < SETTLED_MS ? quick + 1 : 0
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const waited = (performance.now() - started) / 1000
  if (waited > 1) console.log(`  (waited ${waited.toFixed(1)} s for the servers to finish the last workload's work)`)
}
const SETTLED_MS = 50
let probes: string[] = []

async function measure(name: string, base: string, paths: PathSource, headers: Record<string, string> = {}): Promise<Figures> {
  await settle(probes)
  const options = {
    url: base,
    connections: CONNECTIONS,
    headers,
    requests: [{ setupRequest: (request: any) => ({ ...request, path: paths.next() }) }],
  }
  // Warm up (JIT, connections) on the first URLs, then measure on the next ones.
  await autocannon({ ...options, duration: 2 })
  const [handedOut, repeats] = [paths.handedOut, paths.repeats]
  const result = await autocannon({ ...options, duration: SECONDS })
  const requests = paths.handedOut - handedOut
  const figures = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // (autocannon counts a timeout among its errors too.)
    errors: result.errors + result.non2xx,
    distinct: requests - (paths.repeats - repeats),
    requests,
    load: load(),
  }
  // What the errors were: answers other than 2xx by status, timeouts, failed connections.
  const statuses = Object.entries((result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count} × ${status}`)
  const kinds = [
    ...statuses,
    result.timeouts && `${result.timeouts} timeouts`,
    result.errors > result.timeouts && `${result.errors - result.timeouts} failed`,
  ].filter(Boolean)
  console.log(
    `  ${name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.errors} errors${kinds.length ? ` (${kinds.join(', ')})` : ''} (load ${figures.load})`,
  )
  return figures
}

// 1. Seed through Payload's local API, into a database no server has open yet.
const databaseUri = temporarySqliteUri()
const secret = randomBytes(32).toString('hex')
const seedStarted = performance.now()
if (process.env.BENCH_DATABASE) {
  say(`Copying ${process.env.BENCH_DATABASE} (seeded before) instead of seeding…`)
  // (Its write-ahead log would hold rows the copy would lack.)
  if (statSync(`${process.env.BENCH_DATABASE}-wal`, { throwIfNoEntry: false })?.size)
    throw new Error(`${process.env.BENCH_DATABASE}-wal is not empty: checkpoint it first (sqlite3 FILE 'PRAGMA wal_checkpoint(TRUNCATE)')`)
  copyFileSync(process.env.BENCH_DATABASE, sqliteFile(databaseUri)!)
} else {
  say(`Seeding ${ITEMS} items through Payload's local API (load average ${load()})…`)
  await seedBenchCatalogue({ databaseUri, items: ITEMS, secret })
}
const seedSeconds = (performance.now() - seedStarted) / 1000
if (!process.env.BENCH_DATABASE)
  say(`Seeded ${ITEMS} items in ${seedSeconds.toFixed(1)} s (${(ITEMS / seedSeconds).toFixed(0)} items/s, start-up included).`)
if (process.env.BENCH_SEED_ONLY) process.exit(0)

// 2. The CMS and the storefront as deployed: production mode, a JSON log line per request.
const cmsEnv: Record<string, string> = { ...productionEnv(), PAYLOAD_SECRET: secret }
const cms = await startCms({ databaseUri, env: cmsEnv })
let shop: Awaited<ReturnType<typeof startStorefront>> | undefined
try {
  shop = await startStorefront(cms.url, { MINIMART_ENV: 'production', REVALIDATE_SECRET: cmsEnv.REVALIDATE_SECRET })
  const slugs: string[] = (
    await (await fetch(`${cms.url}/api/items?${stringify({ limit: 0, depth: 0, select: { slug: true } })}`)).json()
  ).docs.map((doc: { slug: string }) => doc.slug)
  if (slugs.length !== ITEMS) throw new Error(`expected ${ITEMS} published items, the CMS has ${slugs.length}`)
  const sorts = Object.keys(SORTS) as SortKey[]
  const middle = slugs[Math.floor(ITEMS / 2)]!
  // What the catalogue's filters read of each item (the bench catalogue is the same on every run).
  const priced = benchItems(ITEMS)
  // Each aisle's slug (as the CMS made it) and items: the seed put each item in its product's aisle.
  const aisleDocs: Array<{ id: number; name: string; slug: string }> = (
    await (await fetch(`${cms.url}/api/categories?${stringify({ limit: 0, depth: 0, select: { name: true, slug: true } })}`)).json()
  ).docs
  const aisleSlugs = new Map(aisleDocs.map((doc) => [doc.name, doc.slug]))
  const aisleIds = new Map(aisleDocs.map((doc) => [doc.slug, doc.id]))
  const inAisle = Map.groupBy(priced, (_, i) => benchNameParts(i).product)
  const aisles = benchAisles().map(({ name }) => ({ slug: aisleSlugs.get(name)!, items: inAisle.get(name) ?? [] }))

  const hot: Workload[] = [
    // The ceiling as the issue measured it: a small static file, plain.
    ['static file (ceiling)', shop.url, samePath('/favicon.svg'), {}],
    ['hot: catalogue page, same URL', shop.url, samePath('/'), BROWSER],
    ['hot: item page, same URL', shop.url, samePath(`/items/${middle}`), BROWSER],
    ['hot: CMS REST catalogue query, same URL', cms.url, samePath(`/api/items?${stringify(catalogueQuery(DEFAULT_VIEW))}`), {}],
  ]
  const shopViews = catalogueViews(priced, random(3))
  const restViews = catalogueViews(priced, random(13))
  const cold: Workload[] = [
    // One page per item: at most BENCH_ITEMS distinct URLs (the table warns past that).
    [
      'cold: item pages, a different item each request',
      shop.url,
      inOrder(shuffled(slugs, random(7)).map((slug) => `/items/${slug}`)),
      BROWSER,
    ],
    ['cold: catalogue pages, random page × sort × in stock × price range', shop.url, neverTwice(() => cataloguePath(shopViews())), BROWSER],
    [
      `cold: aisle pages, random aisle of ${aisles.filter((aisle) => aisle.items.length > 0).length} × page × sort × in stock × price range`,
      shop.url,
      neverTwice(aislePaths(aisles, random(5))),
      BROWSER,
    ],
    [
      'cold: CMS REST by slug, a different item each request',
      cms.url,
      inOrder(shuffled(slugs, random(11)).map((slug) => `/api/items?${stringify(itemBySlugQuery(slug))}`)),
      {},
    ],
    [
      'cold: CMS REST catalogue list, random page × sort × filters',
      cms.url,
      neverTwice(() => `/api/items?${stringify(catalogueQuery(restViews()))}`),
      {},
    ],
    ...searchWorkloads(ITEMS, shop.url, cms.url, BROWSER),
  ]
  if (ONLY) {
    for (const workloads of [hot, cold])
      workloads.splice(0, workloads.length, ...workloads.filter(([name], i) => (workloads === hot && i === 0) || ONLY.test(name)))
  }
  say(`Checking that each workload's URLs answer 200 (the first of each hot one, ${SAMPLE} of each cold one)…`)
  for (const [name, base, paths, headers] of hot) await check(name, base, paths, headers, 1)
  for (const [name, base, paths, headers] of cold) await check(name, base, paths, headers, SAMPLE)

  say(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s each (load average before: ${load()}):`)
  const results: Figures[] = []
  probes = [`${shop.url}/healthz`, `${cms.url}/api/health`]
  for (const [name, base, paths, headers] of [...hot, ...cold]) results.push(await measure(name, base, paths, headers))

  const ceiling = results[0]!.rps
  console.log()
  console.log(
    `Minimart benchmark, ${new Date().toISOString().slice(0, 16)}Z: ${ITEMS} items, ${CONNECTIONS} connections, ${SECONDS} s per target, seeding ${seedSeconds.toFixed(0)} s, ${os.cpus().length} cores`,
  )
  console.log()
  console.log('| workload | req/s | % of static | p50 ms | p99 ms | errors | distinct URLs | load average (1 5 15 min) |')
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const r of results) {
    const distinct = r.name.startsWith('cold') ? `${r.distinct} of ${r.requests}` : 'same URL'
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${((r.rps / ceiling) * 100).toFixed(1)} % | ${r.p50} | ${r.p99} | ${r.errors} | ${distinct} | ${r.load} |`,
    )
  }
  console.log()
  // A cold workload that asked for a URL twice measured a cache too: say so next to the table.
  for (const r of results.filter((r) => r.name.startsWith('cold') && r.distinct < r.requests)) {
    console.log(
      `WARNING: "${r.name}" repeated URLs: ${r.requests - r.distinct} of its ${r.requests} requests asked for a URL it had asked for before, so its figures include cache hits${r.name.includes('a different item') ? ` (there are only ${ITEMS} items: raise BENCH_ITEMS or lower BENCH_SECONDS)` : ''}.`,
    )
  }
  console.log()
  // (BENCH_ONLY: the table alone.)
  if (!ONLY) {
    for (const [name, seconds] of await measureAdminList(cms.url)) console.log(`- ${name}: ${seconds.toFixed(2)} s (load ${load()})`)
    await searchQuality(cms.url)
    console.log()

    // 3. The plans: a CMS on the same database at LOG_LEVEL=trace logs the SQL of each query.
    await shop.stop()
    await cms.stop()
    const tracing = await startCms({ databaseUri, env: { ...cmsEnv, LOG_LEVEL: 'trace' } })
    try {
      const planner = openPlanner(databaseUri)
      const queries: Array<[string, string]> = [
        ...sorts.map((sort): [string, string] => [
          `catalogue, ${sort}, page 2`,
          `items?${stringify(catalogueQuery({ ...DEFAULT_VIEW, sort, page: 2 }))}`,
        ]),
        ['catalogue, in stock, by price', `items?${stringify(catalogueQuery({ ...DEFAULT_VIEW, sort: 'price-asc', inStock: true }))}`],
        ['catalogue count', `items/count?${stringify(catalogueCountQuery(DEFAULT_VIEW))}`],
        ['item by slug', `items?${stringify(itemBySlugQuery(middle))}`],
        ...(['name', 'price-asc'] as SortKey[]).map((sort): [string, string] => [
          `aisle page, ${sort}, in stock, page 2`,
          `items?${stringify(catalogueQuery({ ...DEFAULT_VIEW, sort, inStock: true, page: 2 }, aisleIds.get(aisles[0]!.slug)))}`,
        ]),
        [
          'aisle count, a price range',
          `items/count?${stringify(catalogueCountQuery({ ...DEFAULT_VIEW, min: 500, max: 1500 }, aisleIds.get(aisles[0]!.slug)))}`,
        ],
      ]
      console.log("SQLite plans for the shop's queries, as Payload runs them for an anonymous reader:")
      for (const [name, query] of queries) {
        const requestId = `bench-${randomUUID()}`
        await fetch(`${tracing.url}/api/${query}`, { headers: { 'x-request-id': requestId } })
        // (An aisle's page and count are read from the aisle index: cms/collections/Items/aisleOrder.ts.)
        for (const sql of [...(await statementsOn(tracing, requestId, 'items_aisle_order')), ...(await statementsOn(tracing, requestId))]) {
          console.log(`- ${name}: ${planOf(planner, sql).join(' | ')}`)
        }
      }
      planner.close()
    } finally {
      await tracing.stop()
    }
  }
} finally {
  await shop?.stop()
  await cms.stop()
}
