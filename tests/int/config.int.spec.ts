import { describe, expect, it } from 'vitest'

import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { rest } from '../helpers/rest'
import {
  productionEnv,
  startCms,
  startCmsExpectingRefusal,
  startStorefront,
  startStorefrontExpectingRefusal,
  TEST_ADMIN_PASSWORD,
} from '../helpers/servers'

/** The "- …" lines of a refusal, one per problem. */
const problems = (output: string): string[] => output.split('\n').filter((line) => line.startsWith('  - '))

describe('the CMS checks its configuration at start', () => {
  it('lists every problem of a bad production configuration at once, and does not start', async () => {
    const { code, output } = await startCmsExpectingRefusal({
      databaseUri: freshDatabaseUri(),
      env: {
        MINIMART_ENV: 'production',
        PAYLOAD_SECRET: 'x'.repeat(40),
        REVALIDATE_SECRET: '',
        ADMIN_PASSWORD: 'unclepat_2023_08',
        CMS_PUBLIC_URL: 'http://admin.minimart.test',
        LOG_LEVEL: 'loud',
      },
    })
    expect(code).toBe(1)
    expect(output).toContain('Minimart CMS cannot start; fix its configuration:')
    expect(problems(output)).toEqual([
      expect.stringMatching(/LOG_LEVEL must be one of/),
      expect.stringMatching(/PAYLOAD_SECRET is too repetitive/),
      expect.stringMatching(/REVALIDATE_SECRET is not set/),
      expect.stringMatching(/ADMIN_PASSWORD is the documented try-out password/),
      expect.stringMatching(/STOREFRONT_URL is not set/),
      expect.stringMatching(/CMS_PUBLIC_URL must start with https:\/\//),
    ])
  })

  it('insists on a public https address in production', async () => {
    const { output } = await startCmsExpectingRefusal({
      databaseUri: freshDatabaseUri(),
      env: { ...productionEnv(), CMS_PUBLIC_URL: '' },
    })
    expect(problems(output)).toEqual([expect.stringMatching(/CMS_PUBLIC_URL is not set/)])
  })

  it('refuses a weak purge secret and a short admin password in production', async () => {
    const { output } = await startCmsExpectingRefusal({
      databaseUri: freshDatabaseUri(),
      env: { ...productionEnv(), REVALIDATE_SECRET: 'purge', ADMIN_PASSWORD: 'pat123' },
    })
    expect(problems(output)).toEqual([
      expect.stringMatching(/REVALIDATE_SECRET must be at least 32 characters/),
      expect.stringMatching(/ADMIN_PASSWORD must be at least 12 characters/),
    ])
  })

  it('refuses a DATABASE_URI it cannot use, in any mode', async () => {
    const { output } = await startCmsExpectingRefusal({ databaseUri: 'postgres://db/minimart' })
    expect(problems(output)).toEqual([expect.stringMatching(/DATABASE_URI must start with file:/)])
  })

  it('refuses a JOBS_CRON that is not a cron pattern', async () => {
    const { code, output } = await startCmsExpectingRefusal({ env: { JOBS_CRON: 'every monday at 7' } })
    expect(code).toBe(1)
    expect(problems(output)).toEqual([expect.stringMatching(/JOBS_CRON must be a cron pattern/)])
  })

  it('in production, sets the login cookie Secure (it only travels over https)', async () => {
    const cms = await startCms({ databaseUri: freshDatabaseUri(), env: productionEnv() })
    try {
      const { status, headers } = await rest(cms.url, 'users/login', {
        method: 'POST',
        body: { username: 'unclepat', password: TEST_ADMIN_PASSWORD },
      })
      expect(status).toBe(200)
      expect(headers.get('set-cookie')).toMatch(/payload-token=[^;]+;.*Secure/i)
    } finally {
      await cms.stop()
    }
  })
})

// The storefront's checks do not involve a database: run them once, in the SQLite leg.
describe.skipIf(databaseKind() === 'mongodb')('the storefront checks its configuration at start', () => {
  it('lists every problem at once, and does not start', async () => {
    const { code, output } = await startStorefrontExpectingRefusal('not a url', {
      MINIMART_ENV: 'production',
      SHOP_CURRENCY: 'DOLLARS',
      SHOP_LOCALE: 'not_a_locale!',
      CMS_TIMEOUT_MS: 'soon',
      LOW_STOCK_THRESHOLD: '0',
      REVALIDATE_SECRET: 'abc',
    })
    expect(code).toBe(1)
    expect(output).toContain('Minimart storefront cannot start; fix its configuration:')
    expect(problems(output)).toEqual([
      expect.stringMatching(/CMS_URL must be a full http\(s\) address/),
      expect.stringMatching(/CMS_TIMEOUT_MS must be a whole number/),
      expect.stringMatching(/SHOP_CURRENCY must be an ISO 4217 currency code/),
      expect.stringMatching(/SHOP_LOCALE must be a locale/),
      expect.stringMatching(/LOW_STOCK_THRESHOLD must be at least 1/),
      expect.stringMatching(/REVALIDATE_SECRET must be at least 32 characters/),
    ])
  })

  it('in production, needs the purge secret', async () => {
    const { output } = await startStorefrontExpectingRefusal('http://127.0.0.1:9', { MINIMART_ENV: 'production' })
    expect(problems(output)).toEqual([expect.stringMatching(/REVALIDATE_SECRET is not set/)])
  })

  it('starts in production with a complete configuration', async () => {
    const shop = await startStorefront('http://127.0.0.1:9', {
      MINIMART_ENV: 'production',
      REVALIDATE_SECRET: productionEnv().REVALIDATE_SECRET,
    })
    try {
      expect((await fetch(`${shop.url}/healthz`)).status).toBe(200)
    } finally {
      await shop.stop()
    }
  })
})
