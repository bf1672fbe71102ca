import type { APIRoute } from 'astro'

import { cmsIsHealthy } from '../lib/cms'

/** Readiness: the storefront can reach the CMS, and the CMS its database; 503 otherwise. */
export const GET: APIRoute = async () => {
  const ready = await cmsIsHealthy()
  return Response.json(
    { status: ready ? 'ready' : 'not ready', cms: ready ? 'ok' : 'unreachable' },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  )
}
