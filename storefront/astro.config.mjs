// @ts-check
import node from '@astrojs/node'
import { defineConfig } from 'astro/config'

import { listenHost } from '../shared/listenHost.ts'
import { shopConfig } from './src/config.ts'

// The shop's settings are read at run time from storefront/src/config.ts (no astro:env schema of
// its own), so one build serves any CMS address or currency. This file only configures the build
// and `astro dev`.

export default defineConfig({
  output: 'server',
  // Pages render to one string, not a stream: every page the cache keeps is buffered whole anyway
  // (src/lib/cache.ts), and streaming's per-chunk work cost cold pages CPU and time (cold catalogue
  // pages, A/B under the same load: 227–319 req/s streamed, 397–408 as a string).
  adapter: node({ mode: 'standalone', experimentalDisableStreaming: true }),
  // `npm run dev` answers this machine only (a try-out admin password is in the README).
  server: { port: 4321, host: listenHost('local', shopConfig.HOST) },
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
})
