import { startShop } from '../helpers/servers'

/**
 * Starts the CMS (with the demo catalogue) and the storefront once for the whole e2e run, wired
 * to each other: edits in the CMS purge the storefront's cache.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const { cms, shop, secret, stop } = await startShop({ cms: { env: { SEED_DEMO: 'true' } } })
  process.env.E2E_CMS_URL = cms.url
  process.env.E2E_SHOP_URL = shop.url
  process.env.E2E_REVALIDATE_SECRET = secret
  return stop
}
