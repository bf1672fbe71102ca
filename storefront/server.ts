/**
 * Starts the built storefront (`astro build`): checks the environment first and lists every
 * problem at once, then serves Astro's standalone handler (pages and static files) in a server
 * that stops gracefully on SIGTERM/SIGINT: requests in flight finish, then the process exits 0.
 * Usage: node storefront/server.ts   (HOST/PORT, default 127.0.0.1:4321 locally, 0.0.0.0:4321 in production)
 */

import { environmentOrExit } from '../shared/env.ts'
import { createGracefulServer } from '../shared/gracefulServer.ts'
import { listenHost } from '../shared/listenHost.ts'
import { createLogger } from '../shared/logger.ts'
import { readShopConfig } from './src/config.ts'

// One .env at the repository root serves both apps; real environment variables win.
const env = environmentOrExit(readShopConfig)

const logger = createLogger({ name: 'storefront', json: env.MINIMART_ENV === 'production', level: env.LOG_LEVEL })

// This file starts the server itself; the build's entry only provides the handler.
process.env.ASTRO_NODE_AUTOSTART = 'disabled'
const { handler } = await import(new URL('./dist/server/entry.mjs', import.meta.url).href)

const server = createGracefulServer(handler, { logger })
const host = listenHost(env.MINIMART_ENV, env.HOST, '0.0.0.0')
server.listen(env.PORT, host, () => {
  logger.info({ host, port: env.PORT }, `storefront ready on http://localhost:${env.PORT}`)
})
