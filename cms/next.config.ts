import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

// The root .env is loaded by cms/config.ts (cmsConfig), the one reader of the CMS's settings.

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
