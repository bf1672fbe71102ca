import type { CmsConfig } from '../config'

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']
/** The shop of `npm start`. */
const LOCAL_SHOP = 'http://localhost:4321'

/**
 * The origins allowed to send the admin's login cookie (Payload's `csrf`) and to read the API
 * from a browser (`cors`): the CMS itself and the shop (SHOP_URL). In local mode a loopback address also
 * counts under its other names, so http://127.0.0.1:3000 works like http://localhost:3000.
 */
export function allowedOrigins(settings: Pick<CmsConfig, 'CMS_PUBLIC_URL' | 'MINIMART_ENV' | 'SHOP_URL'>): string[] {
  const shop = settings.SHOP_URL ?? (settings.MINIMART_ENV === 'local' ? LOCAL_SHOP : undefined)
  const origins = new Set([settings.CMS_PUBLIC_URL, ...(shop ? [shop] : [])])
  if (settings.MINIMART_ENV === 'local') {
    for (const origin of [...origins]) {
      const url = new URL(origin)
      if (!LOOPBACK.includes(url.hostname)) continue
      for (const hostname of LOOPBACK) {
        url.hostname = hostname
        origins.add(url.origin)
      }
    }
  }
  return [...origins]
}
