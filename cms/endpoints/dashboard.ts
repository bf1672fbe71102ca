import type { Endpoint } from 'payload'

import { signedInStaff } from '../access/signedInStaff'
import { cmsConfig } from '../config'
import { dashboardFigures } from '../dashboard/figures'

/**
 * GET /api/dashboard: the figures of the admin's dashboard (cms/dashboard/figures.ts) as JSON, for
 * signed-in staff only (never API keys or anonymous callers): the same data function the
 * dashboard renders, so tests and other tools read exactly what Uncle Pat sees.
 */
export const dashboardEndpoint: Endpoint = {
  path: '/dashboard',
  method: 'get',
  handler: async (req) => {
    const user = signedInStaff(req)
    if (!user || !req.user) {
      return Response.json({ errors: [{ message: 'Only signed-in staff can read the dashboard.' }] }, { status: req.user ? 403 : 401 })
    }
    const figures = await dashboardFigures(req.payload, req.user, cmsConfig.LOW_STOCK_THRESHOLD)
    return Response.json(figures, { headers: { 'cache-control': 'no-store' } })
  },
}
