/** Where the apps started by global-setup.ts listen (set in the environment the workers inherit). */
export const cmsUrl = (): string => required('E2E_CMS_URL')
export const shopUrl = (): string => required('E2E_SHOP_URL')

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run the e2e tests through playwright.config.ts`)
  return value
}

/** The secret the CMS and the storefront of the e2e run share for cache purges. */
export const revalidateSecret = (): string => required('E2E_REVALIDATE_SECRET')
