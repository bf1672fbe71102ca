import { describe, expect, it } from 'vitest'

import { FERRETDB_LACKS, ferretDbLacks, freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { productionEnv, startCms, startCmsExpectingRefusal } from '../helpers/servers'

const TRYOUT_PASSWORD = 'unclepat_2023_08'
const itemCount = async (url: string): Promise<number> => (await rest(url, 'items?limit=1')).body.totalDocs

describe('first-start seed', () => {
  it('creates unclepat and the demo catalogue once, and never overwrites them', async () => {
    const databaseUri = freshDatabaseUri()
    const first = await startCms({ databaseUri, env: { ADMIN_PASSWORD: 'first-password', SEED_DEMO: 'true' } })
    try {
      await login(first.url, 'unclepat', 'first-password')
      expect(await itemCount(first.url)).toBe(21)
      const items = (await rest(first.url, 'items?limit=100&depth=0')).body.docs
      expect(items.filter((item: any) => item.quantity === 0)).toHaveLength(1)
      expect(items.filter((item: any) => item.quantity > 0 && item.quantity <= 5).length).toBeGreaterThanOrEqual(3)
      // Uncle Pat sells out one item and removes another.
      const token = await login(first.url, 'unclepat', 'first-password')
      await rest(first.url, `items/${items[0].id}`, { method: 'DELETE', token })
    } finally {
      await first.stop()
    }

    const second = await startCms({ databaseUri, env: { ADMIN_PASSWORD: 'changed-in-env', SEED_DEMO: 'true' } })
    try {
      expect(await itemCount(second.url)).toBe(20)
      await login(second.url, 'unclepat', 'first-password')
      if (!ferretDbLacks(FERRETDB_LACKS.findAndModifyFields, 'the password from the changed environment is refused with 401')) {
        const refused = await rest(second.url, 'users/login', {
          method: 'POST',
          body: { username: 'unclepat', password: 'changed-in-env' },
        })
        expect(refused.status).toBe(401)
      }
    } finally {
      await second.stop()
    }
  }, 120_000) // two CMS starts in a row: slow on a busy 2-core machine

  it('skips the demo catalogue with SEED_DEMO=false', async () => {
    const cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'false' } })
    try {
      expect(await itemCount(cms.url)).toBe(0)
    } finally {
      await cms.stop()
    }
  })

  it('uses the documented try-out password in local mode, with a loud warning', async () => {
    const cms = await startCms({ databaseUri: freshDatabaseUri(), env: { ADMIN_PASSWORD: '' } })
    try {
      await login(cms.url, 'unclepat', TRYOUT_PASSWORD)
      expect(cms.output()).toMatch(/ADMIN_PASSWORD is not set.*TRY-OUT password/)
    } finally {
      await cms.stop()
    }
  })
})

describe('production mode', () => {
  const production = productionEnv()

  it('refuses to start without ADMIN_PASSWORD, naming it', async () => {
    const { code, output } = await startCmsExpectingRefusal({ databaseUri: freshDatabaseUri(), env: { ...production, ADMIN_PASSWORD: '' } })
    expect(code).not.toBe(0)
    expect(output).toMatch(/ADMIN_PASSWORD is not set/)
  })

  it('refuses the try-out admin password', async () => {
    const { code, output } = await startCmsExpectingRefusal({
      databaseUri: freshDatabaseUri(),
      env: { ...production, ADMIN_PASSWORD: TRYOUT_PASSWORD },
    })
    expect(code).not.toBe(0)
    expect(output).toMatch(/ADMIN_PASSWORD is the documented try-out password/)
  })

  it('refuses a short PAYLOAD_SECRET', async () => {
    const { output } = await startCmsExpectingRefusal({
      databaseUri: freshDatabaseUri(),
      env: { ...production, PAYLOAD_SECRET: 'short', ADMIN_PASSWORD: 'a-real-password' },
    })
    expect(output).toMatch(/PAYLOAD_SECRET must be at least 32 characters/)
  })

  it('refuses to start without the storefront purge settings, naming them', async () => {
    const { code, output } = await startCmsExpectingRefusal({
      databaseUri: freshDatabaseUri(),
      env: { ...production, ADMIN_PASSWORD: 'a-real-password', STOREFRONT_URL: '', REVALIDATE_SECRET: 'short' },
    })
    expect(code).not.toBe(0)
    expect(output).toMatch(/STOREFRONT_URL is not set/)
    expect(output).toMatch(/REVALIDATE_SECRET must be at least 32 characters/)
  })

  it('starts with its own password and seeds no demo items', async () => {
    const cms = await startCms({
      databaseUri: freshDatabaseUri(),
      env: { ...production, ADMIN_PASSWORD: 'a-real-password', SEED_DEMO: 'true' },
    })
    try {
      await login(cms.url, 'unclepat', 'a-real-password')
      expect(await itemCount(cms.url)).toBe(0)
    } finally {
      await cms.stop()
    }
  })
})

describe('any mode', () => {
  it('refuses to start without PAYLOAD_SECRET, naming it', async () => {
    const { code, output } = await startCmsExpectingRefusal({ databaseUri: freshDatabaseUri(), env: { PAYLOAD_SECRET: '' } })
    expect(code).not.toBe(0)
    expect(output).toMatch(/PAYLOAD_SECRET is not set/)
  })
})
