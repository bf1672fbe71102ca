/**
 * `npm run bench`: seeds a fresh SQLite database with BENCH_ITEMS items through Payload's local
 * API (tests/bench/seed-local.ts), starts the built CMS and storefront on it, and measures with
 * autocannon what shoppers, crawlers and other programs do, against a static file served by the
 * same storefront server (the ceiling):
 *
 * - hot: the same URL again and again (answered from the shop's caches);
 * - cold: never the same URL twice (random item pages, random catalogue pages in each sort, and
 *   the CMS's REST by-slug and list queries for random items and pages);
 *
 * then prints the table (req/s, % of the static file, p50, p99, errors) with the machine's load
 * average, and SQLite's plan for each query the shop sends. Figures are read, never asserted.
 *
 * BENCH_ITEMS (default 10000), BENCH_SECONDS per target (default 10), BENCH_CONNECTIONS (32).
 */

import { execFileSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { stringify } from 'qs-esm'

import { catalogueSearch, DEFAULT_VIEW, SORTS, type SortKey } from '../../storefront/src/lib/catalogue.ts'
import { catalogueCountQuery, catalogueQuery, ITEMS_PER_PAGE, itemBySlugQuery } from '../../storefront/src/lib/queries.ts'
import { openPlanner, planOf, statementsOn } from '../helpers/queryPlans.ts'
import { productionEnv, root, startCms, startStorefront, TEST_ADMIN_PASSWORD, temporarySqliteUri } from '../helpers/servers.ts'
import { measureAdminList } from './adminList.ts'

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
// What browsers send: the shop's pages and the static file are compressed as in real use.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' }

type Figures = { name: string; rps: number; p50: number; p99: number; errors: number; distinct: number; requests: number; load: string }

const say = (message: string) => console.log(`[bench] ${message}`)
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

/** Deterministic shuffle, so two runs ask for the same URLs in the same order. */
function shuffled<T>(list: T[], seed = 7): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * autocannon on one URL (hot), or on a list of paths handed out in order, one per request and
 * never twice while the list lasts (cold).
 */
async function measure(name: string, base: string, paths: string[], headers: Record<string, string> = {}): Promise<Figures> {
  let next = 0
  const take = () => paths[next++ % paths.length]!
  const options = {
    url: base,
    connections: CONNECTIONS,
    headers,
    requests: [{ setupRequest: (request: any) => ({ ...request, path: take() }) }],
  }
  // Warm up (JIT, connections) on the first URLs of the list, then measure on the next ones.
  await autocannon({ ...options, duration: 2 })
  const warm = next
  const result = await autocannon({ ...options, duration: SECONDS })
  const requests = next - warm
  const figures = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    distinct: Math.min(requests, paths.length),
    requests,
    load: load(),
  }
  console.log(
    `  ${name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.errors} errors (load ${figures.load})`,
  )
  return figures
}

// 1. Seed through Payload's local API, into a database no server has open yet.
const databaseUri = temporarySqliteUri()
const secret = randomBytes(32).toString('hex')
say(`Seeding ${ITEMS} items through Payload's local API (load average ${load()})…`)
const seedStarted = performance.now()
execFileSync(process.execPath, [path.join(root, 'node_modules/.bin/payload'), 'run', 'tests/bench/seed-local.ts'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    MINIMART_ENV: 'local',
    LOG_LEVEL: 'warn',
    DATABASE_URI: databaseUri,
    PAYLOAD_SECRET: secret,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    SEED_DEMO: 'false',
    REVALIDATE_SECRET: '',
    BENCH_ITEMS: String(ITEMS),
  },
})
const seedSeconds = (performance.now() - seedStarted) / 1000
say(`Seeded ${ITEMS} items in ${seedSeconds.toFixed(1)} s (${(ITEMS / seedSeconds).toFixed(0)} items/s, start-up included).`)

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
  const pages = Math.ceil(ITEMS / ITEMS_PER_PAGE)
  const sorts = Object.keys(SORTS) as SortKey[]
  const views = sorts.flatMap((sort) => Array.from({ length: pages }, (_, i) => ({ ...DEFAULT_VIEW, sort, page: i + 1 })))
  const middle = slugs[Math.floor(ITEMS / 2)]!

  const hot: Array<[string, string, string[], Record<string, string>]> = [
    // The ceiling as the issue measured it: a small static file, plain.
    ['static file (ceiling)', shop.url, ['/favicon.svg'], {}],
    ['hot: catalogue page, same URL', shop.url, ['/'], BROWSER],
    ['hot: item page, same URL', shop.url, [`/items/${middle}`], BROWSER],
    ['hot: CMS REST catalogue query, same URL', cms.url, [`/api/items?${stringify(catalogueQuery(DEFAULT_VIEW))}`], {}],
  ]
  const cold: Array<[string, string, string[], Record<string, string>]> = [
    ['cold: item pages, a different item each request', shop.url, shuffled(slugs).map((slug) => `/items/${slug}`), BROWSER],
    [
      `cold: catalogue pages, random page of ${pages} × ${sorts.length} sorts`,
      shop.url,
      shuffled(views).map((view) => `/${catalogueSearch(view)}`),
      BROWSER,
    ],
    [
      'cold: CMS REST by slug, a different item each request',
      cms.url,
      shuffled(slugs, 11).map((slug) => `/api/items?${stringify(itemBySlugQuery(slug))}`),
      {},
    ],
    [
      'cold: CMS REST catalogue list, random page and sort',
      cms.url,
      shuffled(views, 13).map((view) => `/api/items?${stringify(catalogueQuery(view))}`),
      {},
    ],
  ]
  for (const [name, base, [first]] of [...hot, ...cold]) {
    const response = await fetch(base + first)
    if (response.status !== 200) throw new Error(`${name} answered ${response.status}: ${base}${first}`)
  }

  say(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s each (load average before: ${load()}):`)
  const results: Figures[] = []
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
    const distinct = r.distinct === 1 ? 'same URL' : `${r.distinct} of ${r.requests}`
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${((r.rps / ceiling) * 100).toFixed(1)} % | ${r.p50} | ${r.p99} | ${r.errors} | ${distinct} | ${r.load} |`,
    )
  }
  console.log()
  for (const [name, seconds] of await measureAdminList(cms.url)) console.log(`- ${name}: ${seconds.toFixed(2)} s (load ${load()})`)
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
    ]
    console.log("SQLite plans for the shop's queries, as Payload runs them for an anonymous reader:")
    for (const [name, query] of queries) {
      const requestId = `bench-${randomUUID()}`
      await fetch(`${tracing.url}/api/${query}`, { headers: { 'x-request-id': requestId } })
      for (const sql of await statementsOn(tracing, requestId)) {
        console.log(`- ${name}: ${planOf(planner, sql).join(' | ')}`)
      }
    }
    planner.close()
  } finally {
    await tracing.stop()
  }
} finally {
  await shop?.stop()
  await cms.stop()
}
