/**
 * Starts the built CMS: Payload's Next.js app (`next build cms`) inside a plain Node HTTP server,
 * instead of `next start`, so that the process
 * - checks its configuration before anything else and lists every problem at once;
 * - refuses, before Next reads the body, a JSON body over 1 MB (413) and a write the caller may
 *   not make at all (403): cms/security/earlyRefusal.ts;
 * - answers API reads (GET /api/…) with Payload's REST handler directly, without Next's router:
 *   cms/http/directApi.ts;
 * - logs each request (method, path, status, duration, request id) through the same logger as
 *   Payload, JSON lines in production;
 * - stops gracefully on SIGTERM/SIGINT: finishes the requests in flight, closes the database,
 *   exits 0 (`next start` exits 143 and does not close the database).
 * Usage: node cms/server.ts   (CMS_HOST/CMS_PORT, default 127.0.0.1:3000 locally, every interface in production)
 */
import { format } from 'node:util'

import { environmentOrExit } from '../shared/env.ts'
import { createGracefulServer } from '../shared/gracefulServer.ts'
import { listenHost } from '../shared/listenHost.ts'
import { createLogger } from '../shared/logger.ts'
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestId } from '../shared/requestContext.ts'
import { readCmsConfig } from './config.ts'
import { createDirectApi } from './http/directApi.ts'
import { refuseBeforeReading } from './security/earlyRefusal.ts'

// What `next start` does: this server only serves a production build.
Object.assign(process.env, { NODE_ENV: 'production' })
const env = environmentOrExit(readCmsConfig)

const logger = createLogger({ name: 'cms', json: env.MINIMART_ENV === 'production', level: env.LOG_LEVEL })
if (env.MINIMART_ENV === 'production') {
  // Next and libraries print with console.*; in production those lines are JSON too.
  console.log = console.info = (...args: unknown[]) => logger.info(format(...args))
  console.warn = (...args: unknown[]) => logger.warn(format(...args))
  console.error = (...args: unknown[]) => logger.error(format(...args))
}

const { default: next } = await import('next')
const app = next({ dir: import.meta.dirname, port: env.CMS_PORT })
// Runs cms/instrumentation.ts, which boots Payload: a database that cannot be opened or migrated
// stops the start here, not at the first visitor.
await app.prepare()
const handle = app.getRequestHandler()
// API reads go straight to Payload's REST handler, without Next's router (cms/http/directApi.ts).
const direct = createDirectApi({ production: env.MINIMART_ENV === 'production', trustProxy: env.TRUST_PROXY })

const server = createGracefulServer(
  (req, res) => {
    const started = performance.now()
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER] as string | undefined)
    res.setHeader(REQUEST_ID_HEADER, requestId)
    runWithRequestId(requestId, () => {
      res.once('close', () => {
        // The path without its query string, which may hold search words or other people's data.
        const pathname = (req.url ?? '/').split('?')[0]
        const status = res.writableFinished ? res.statusCode : 499
        const fields = { requestId, method: req.method, path: pathname, status, durationMs: Math.round(performance.now() - started) }
        // Health probes come every few seconds; they are only worth a line when asked for.
        if (pathname === '/api/health' && status === 200) logger.debug(fields, 'request')
        else logger.info(fields, 'request')
      })
      refuseBeforeReading(req.method, req.url, req.headers)
        .then((refusal) => {
          if (!refusal) return direct(req, res).then((answered) => (answered ? undefined : handle(req, res)))
          // A body too large is not even drained: the connection closes. A refused write's body
          // is drained unread (cheap), so that clients see the 403 rather than a broken pipe.
          const close = refusal.status === 413 ? { connection: 'close' } : {}
          res.writeHead(refusal.status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', ...close })
          res.end(JSON.stringify({ errors: [{ message: refusal.message }] }))
        })
        .catch((error: unknown) => {
          logger.error({ requestId, err: error }, 'request failed')
          if (!res.headersSent) res.writeHead(500).end()
          else res.destroy()
        })
    })
  },
  { logger },
)
const host = listenHost(env.MINIMART_ENV, env.CMS_HOST)
server.listen(env.CMS_PORT, host, () => {
  logger.info({ host: host ?? 'every interface', port: env.CMS_PORT }, `CMS ready on http://localhost:${env.CMS_PORT} (admin at /admin)`)
})
