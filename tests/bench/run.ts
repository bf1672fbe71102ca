/**
 * `npm run bench`: seeds a fresh database with 10 000 items, starts the built CMS and storefront,
 * and measures each page with autocannon at 32 connections, against a static file served by the
 * same storefront server (the ceiling). Not part of `npm test`: figures are read, not asserted.
 *
 * BENCH_ITEMS (default 10000), BENCH_SECONDS per target (default 10), BENCH_CONNECTIONS (32).
 */
import autocannon from 'autocannon'
import { stringify } from 'qs-esm'

import { DEFAULT_VIEW } from '../../storefront/src/lib/catalogue.ts'
import { catalogueQuery } from '../../storefront/src/lib/queries.ts'
import { login } from '../helpers/rest.ts'
import { startCms, startStorefront, TEST_ADMIN_PASSWORD } from '../helpers/servers.ts'
import { benchItems, seedItems } from './seed.ts'

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)

type Figures = { name: string; url: string; rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function measure(name: string, url: string): Promise<Figures> {
  // Warm up (caches, JIT), then measure.
  await autocannon({ url, connections: CONNECTIONS, duration: 2 })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS })
  const figures = {
    name,
    url,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }
  console.log(`  ${name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms`)
  return figures
}

const say = (message: string) => console.log(`[bench] ${message}`)

say(`Starting the built CMS on a fresh SQLite database…`)
const cms = await startCms({ env: { SEED_DEMO: 'false' } })
let shop: Awaited<ReturnType<typeof startStorefront>> | undefined
try {
  const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  say(`Seeding ${ITEMS} items over the REST API, 8 at a time…`)
  const seedMs = await seedItems(cms.url, token, ITEMS)
  say(`Seeded ${ITEMS} items in ${(seedMs / 1000).toFixed(1)} s (${(ITEMS / (seedMs / 1000)).toFixed(0)} items/s).`)

  shop = await startStorefront(cms.url)
  const item = benchItems(ITEMS)[Math.floor(ITEMS / 2)]!
  const slug = item.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  const targets: Array<[string, string]> = [
    ['static file (ceiling)', `${shop.url}/favicon.svg`],
    ['catalogue page', `${shop.url}/`],
    ['search page', `${shop.url}/?q=coconut`],
    ['item page', `${shop.url}/items/${slug}`],
    ['CMS REST list (catalogue query)', `${cms.url}/api/items?${stringify(catalogueQuery(DEFAULT_VIEW))}`],
  ]
  for (const [name, url] of targets) {
    const response = await fetch(url)
    if (response.status !== 200) throw new Error(`${name} answered ${response.status}: ${url}`)
  }

  say(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s each:`)
  const results: Figures[] = []
  for (const [name, url] of targets) results.push(await measure(name, url))

  const ceiling = results[0]!.rps
  const rows = results.map((r) => ({
    target: r.name,
    'req/s': Math.round(r.rps),
    'vs static': `${((r.rps / ceiling) * 100).toFixed(0)} %`,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    errors: r.errors + r.non2xx,
  }))
  console.log()
  console.log(`Minimart benchmark: ${ITEMS} items, ${CONNECTIONS} connections, ${SECONDS} s per target, seeding ${(seedMs / 1000).toFixed(1)} s`)
  console.table(rows)
  const target = results.filter((r) => r.name === 'catalogue page' || r.name === 'item page')
  const met = target.every((r) => r.rps >= ceiling / 2 && r.p99 < 100)
  console.log(`Target (catalogue and item page ≥ 50 % of the static file's req/s, p99 < 100 ms): ${met ? 'met' : 'NOT met'}`)
} finally {
  await shop?.stop()
  await cms.stop()
}
