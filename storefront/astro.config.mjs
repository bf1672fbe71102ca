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
  server: { port: 4321, host: true },
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
  // so one build serves any CMS address or currency.
  env: {
    schema: {
      CMS_URL: envField.string({ context: 'server', access: 'secret', url: true, default: 'http://localhost:3000' }),
      CMS_TIMEOUT_MS: envField.number({ context: 'server', access: 'secret', int: true, gt: 0, default: 3000 }),
      SHOP_CURRENCY: envField.string({ context: 'server', access: 'secret', default: 'SGD' }),
      SHOP_LOCALE: envField.string({ context: 'server', access: 'secret', default: 'en-SG' }),
      LOW_STOCK_THRESHOLD: envField.number({ context: 'server', access: 'secret', int: true, gt: 0, default: 5 }),
      MINIMART_ENV: envField.enum({ context: 'server', access: 'secret', values: ['local', 'production'], default: 'local' }),
    },
  },
})
