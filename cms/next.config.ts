import type { NextConfig } from 'next'

import { withPayload } from '@payloadcms/next/withPayload'
import { existsSync } from 'node:fs'
import path from 'node:path'

// One .env at the repository root serves both apps; Next on its own only reads cms/.env.
const rootEnv = path.resolve(import.meta.dirname, '../.env')
if (existsSync(rootEnv)) process.loadEnvFile(rootEnv)

const nextConfig: NextConfig = {
  // The CMS is an API and an admin panel: no marketing headers, no image optimiser.
  poweredByHeader: false,
  images: { unoptimized: true },
  // Payload boots in instrumentation.ts (a bundle of its own) and serves from the route bundles.
  // Loading payload from node_modules in both gives them one shared instance and one set of
  // error classes; bundled twice, a ValidationError from one copy is not `instanceof` the
  // other's and its field details vanish from the REST response.
  serverExternalPackages: ['payload', '@payloadcms/db-sqlite', '@payloadcms/db-mongodb', '@payloadcms/drizzle', '@payloadcms/graphql'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
