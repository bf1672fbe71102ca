import type { Endpoint } from 'payload'

import { checkDatabase } from '../database'

/**
 * GET /api/health, for load balancers and `docker compose`: 200 when the CMS can reach its
 * database, 503 when it cannot. The body says only that; the reason goes to the log.
 */
export const health: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const database = await checkDatabase(req.payload)
    if (!database.ok) req.payload.logger.error({ problem: database.problem }, 'health: the database does not answer')
    return Response.json(
      { status: database.ok ? 'ok' : 'unavailable', database: database.ok ? 'ok' : 'unreachable' },
      { status: database.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    )
  },
}
