import { startCms, startStorefront } from '../helpers/servers'

/** Starts the CMS (with the demo catalogue) and the storefront once for the whole e2e run. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const cms = await startCms({ env: { SEED_DEMO: 'true' } })
  const shop = await startStorefront(cms.url)
  process.env.E2E_CMS_URL = cms.url
  process.env.E2E_SHOP_URL = shop.url
  return async () => {
    await shop.stop()
    await cms.stop()
  }
}
