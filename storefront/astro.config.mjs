// @ts-check
import node from '@astrojs/node'
import { defineConfig, envField } from 'astro/config'
import { existsSync } from 'node:fs'

// One .env at the repository root serves both apps (`npm start` passes it to the built server).
const rootEnv = new URL('../.env', import.meta.url)
if (existsSync(rootEnv)) process.loadEnvFile(rootEnv)

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // `npm run dev` answers this machine only (a try-out admin password is in the README).
  server: { port: 4321, host: process.env.HOST || '127.0.0.1' },
  // Lean HTML: styles in one immutable, long-cached file; scoped styles by class, not attributes.
  build: { inlineStylesheets: 'never' },
  scopedStyleStrategy: 'class',
  // Security headers (CSP, frame-ancestors, nosniff, HSTS in production) on every response.
  integrations: [
    {
      name: 'minimart-security-headers',
      hooks: {
        'astro:config:setup': ({ addMiddleware }) =>
          addMiddleware({ entrypoint: new URL('./src/securityHeaders.ts', import.meta.url), order: 'pre' }),
      },
    },
  ],
  // Read at run time from the environment (access "secret" means "not inlined at build time"),
  // so one build serves any CMS address or currency. storefront/env.ts checks the same variables
  // (and the production rules) when storefront/server.ts starts.
  env: {
    schema: {
      MINIMART_ENV: envField.enum({ context: 'server', access: 'secret', values: ['local', 'production'], default: 'local' }),
      LOG_LEVEL: envField.enum({ context: 'server', access: 'secret', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      CMS_URL: envField.string({ context: 'server', access: 'secret', url: true, default: 'http://localhost:3000' }),
      // Where shoppers' browsers load item photos from: the CMS's public address; unset: CMS_URL.
      CMS_PUBLIC_URL: envField.string({ context: 'server', access: 'secret', url: true, optional: true }),
      CMS_TIMEOUT_MS: envField.number({ context: 'server', access: 'secret', int: true, gt: 0, default: 3000 }),
      SHOP_CURRENCY: envField.string({ context: 'server', access: 'secret', default: 'SGD' }),
      SHOP_LOCALE: envField.string({ context: 'server', access: 'secret', default: 'en-SG' }),
      LOW_STOCK_THRESHOLD: envField.number({ context: 'server', access: 'secret', int: true, gt: 0, default: 5 }),
      // How long a CMS answer is reused before it is fetched again (edits purge it at once).
      CMS_CACHE_SECONDS: envField.number({ context: 'server', access: 'secret', int: true, gt: 0, default: 30 }),
      // Shared with the CMS, which sends it to /api/revalidate after an edit; unset: purging is off.
      REVALIDATE_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
      // The shop's public address for canonical links, Open Graph and the sitemap; unset: the
      // address each request came to.
      SHOP_URL: envField.string({ context: 'server', access: 'secret', url: true, optional: true }),
    },
  },
})
