import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { ApiClients } from './cms/collections/ApiClients'
import { AuditLog } from './cms/collections/AuditLog'
import { Items } from './cms/collections/Items'
import { Media, MEDIA_MAX_BYTES } from './cms/collections/Media'
import { USERS } from './cms/collections/slugs'
import { Users } from './cms/collections/Users'
import { databaseAdapter } from './cms/database'
import { health } from './cms/endpoints/health'
import { cmsSettings, isProduction, readCmsEnv } from './cms/env'
import { runTasksAfterCommit } from './cms/hooks/afterCommit'
import { auditFailedLogin } from './cms/hooks/auditLogin'
import { plugins } from './cms/plugins'
import { internalCollectionsForStaffOnly } from './cms/security/internalCollections'
import { allowedOrigins } from './cms/security/origins'
import { seed } from './cms/seed'
import { createLogger, type LogLevel } from './shared/logger.ts'

const root = path.dirname(fileURLToPath(import.meta.url))
const settings = cmsSettings()
// JSON lines in production, each with the request id of the request being served.
const logger = createLogger({ name: 'cms', json: isProduction(), level: (process.env.LOG_LEVEL || 'info') as LogLevel })

export default buildConfig({
  // Checked (with every other variable) by readCmsEnv before the server starts; never defaulted.
  secret: process.env.PAYLOAD_SECRET ?? '',
  // The https address of the admin panel in production (links, CSRF origin); unset locally.
  serverURL: process.env.CMS_PUBLIC_URL || undefined,
  db: databaseAdapter(process.env.DATABASE_URI, { logger }),
  logger,
  endpoints: [health],
  editor: lexicalEditor(),
  sharp,
  // No usage reports from a shop's server to Payload's servers (and no work for them per start).
  telemetry: false,
  collections: [Items, Media, Users, ApiClients, AuditLog],
  plugins: plugins(),
  // Browsers may use the login cookie, and read the API, only from our own origins.
  csrf: allowedOrigins(settings),
  cors: allowedOrigins(settings),
  upload: {
    limits: { fileSize: MEDIA_MAX_BYTES },
    responseOnLimit: `The file is too large: at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`,
  },
  hooks: {
    afterError: [auditFailedLogin],
  },
  custom: {
    lowStockThreshold: settings.LOW_STOCK_THRESHOLD,
    totpRequiredForAdmins: settings.TOTP_REQUIRED_FOR_ADMINS,
    authRateLimit: {
      AUTH_RATE_LIMIT: settings.AUTH_RATE_LIMIT,
      AUTH_RATE_LIMIT_WINDOW_SECONDS: settings.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    },
  },
  admin: {
    user: USERS,
    meta: { titleSuffix: ' · Minimart back office' },
    components: {
      beforeNavLinks: ['/cms/components/LowStockLink#LowStockLink'],
      beforeDashboard: [{ path: '/cms/components/LowStockLink#LowStockLink', clientProps: { placement: 'dashboard' } }],
      providers: ['/cms/components/RequireTwoFactor#RequireTwoFactor'],
    },
    importMap: {
      baseDir: root,
      importMapFile: path.resolve(root, 'cms/app/(payload)/admin/importMap.js'),
    },
  },
  typescript: {
    outputFile: path.resolve(root, 'cms/payload-types.ts'),
  },
  onInit: async (payload) => {
    runTasksAfterCommit(payload.db)
    await seed(payload, readCmsEnv())
  },
}).then(internalCollectionsForStaffOnly)
