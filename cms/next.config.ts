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
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
