/**
 * The bench catalogue (tests/bench/seed.ts: brands × products, 25 aisles, realistic prices and
 * stock) seeded through Payload's local API by tests/bench/seed-local.ts, into a database no
 * server has open yet. Used by the bench, and by tests that need a catalogue shaped like a real
 * shop's (the query plans, which SQLite chooses from the data's statistics).
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

import { root, TEST_ADMIN_PASSWORD } from './servers.ts'

export function seedBenchCatalogue({
  databaseUri,
  items,
  secret,
  quiet = false,
}: {
  databaseUri: string
  items: number
  /** The PAYLOAD_SECRET the CMS will then run with. */
  secret: string
  /** Keep the seeding's progress lines out of the output (tests). */
  quiet?: boolean
}): void {
  execFileSync(process.execPath, [path.join(root, 'node_modules/.bin/payload'), 'run', 'tests/bench/seed-local.ts'], {
    cwd: root,
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'],
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
      BENCH_ITEMS: String(items),
    },
  })
}
