import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { Items } from './cms/collections/Items'
import { USERS } from './cms/collections/slugs'
import { Users } from './cms/collections/Users'
import { databaseAdapter } from './cms/database'
import { health } from './cms/endpoints/health'
import { isProduction, readCmsEnv } from './cms/env'
import { seed } from './cms/seed'
import { createLogger, type LogLevel } from './shared/logger.ts'

const root = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  // Checked (with every other variable) by readCmsEnv before the server starts; never defaulted.
  secret: process.env.PAYLOAD_SECRET ?? '',
  // The https address of the admin panel in production (links, CSRF origin); unset locally.
  serverURL: process.env.CMS_PUBLIC_URL || undefined,
  db: databaseAdapter(process.env.DATABASE_URI),
  // JSON lines in production, each with the request id of the request being served.
  logger: createLogger({ name: 'cms', json: isProduction(), level: (process.env.LOG_LEVEL || 'info') as LogLevel }),
  endpoints: [health],
  editor: lexicalEditor(),
  collections: [Items, Users],
  admin: {
    user: USERS,
    meta: { titleSuffix: ' · Minimart back office' },
    importMap: {
      baseDir: root,
      importMapFile: path.resolve(root, 'cms/app/(payload)/admin/importMap.js'),
    },
  },
  typescript: {
    outputFile: path.resolve(root, 'cms/payload-types.ts'),
  },
  onInit: async (payload) => {
    await seed(payload, readCmsEnv())
  },
})
