import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { ApiClients } from './cms/collections/ApiClients'
import { AttemptCounters } from './cms/collections/AttemptCounters'
import { AuditLog } from './cms/collections/AuditLog'
import { Categories } from './cms/collections/Categories'
import { Items } from './cms/collections/Items'
import { ensureAdminSearchInDev, SQLITE_ADMIN_SEARCH_DOWN } from './cms/collections/Items/adminSearch'
import { ensureAisleOrderInDev, SQLITE_AISLE_ORDER_DOWN } from './cms/collections/Items/aisleOrder'
import { backfillSearchTerms, SQLITE_SEARCH_INDEX_DOWN } from './cms/collections/Items/search/databaseIndex'
import { MEDIA_MAX_BYTES, Media } from './cms/collections/Media'
import { Users } from './cms/collections/Users'
import { answerFailedLoginsAlike } from './cms/collections/Users/hooks/answerFailedLoginsAlike'
import { auditFailedLogin } from './cms/collections/Users/hooks/auditLogin'
import { cmsConfig } from './cms/config'
import { databaseAdapter } from './cms/database'
import { runTasksAfterCommit } from './cms/database/afterCommit'
import { keepPlannerStatistics } from './cms/database/statistics'
import { emailAdapter } from './cms/email'
import { catalogueVersion } from './cms/endpoints/catalogueVersion'
import { dashboardEndpoint } from './cms/endpoints/dashboard'
import { health } from './cms/endpoints/health'
import { plugins } from './cms/plugins'
import { internalCollectionsForStaffOnly } from './cms/security/internalCollections'
import { allowedOrigins } from './cms/security/origins'
import { guardRequestBodies } from './cms/security/requestBodies'
import { seed } from './cms/seed'
import { USERS } from './cms/slugs'
import { createLogger } from './shared/logger.ts'

const root = path.dirname(fileURLToPath(import.meta.url))
// JSON lines in production, each with the request id of the request being served.
const logger = createLogger({ name: 'cms', json: cmsConfig.production, level: cmsConfig.LOG_LEVEL })

export default buildConfig({
  // Checked (with every other variable) by readCmsConfig before the server starts; never defaulted.
  secret: cmsConfig.PAYLOAD_SECRET,
  // The https address of the admin panel in production (links, CSRF origin); unset locally.
  serverURL: cmsConfig.serverURL,
  db: databaseAdapter(cmsConfig.DATABASE_URI, {
    logger,
    // The search index, the aisle index and the admin's search index: rebuilt by onInit after dev mode's schema push.
    beforeDevPush: [...SQLITE_SEARCH_INDEX_DOWN, ...SQLITE_AISLE_ORDER_DOWN, ...SQLITE_ADMIN_SEARCH_DOWN],
  }),
  logger,
  // Low-stock alerts go out through SMTP when SMTP_HOST is set (cms/email).
  email: emailAdapter(cmsConfig),
  endpoints: [health, catalogueVersion, dashboardEndpoint],
  editor: lexicalEditor(),
  sharp,
  // No usage reports from a shop's server to Payload's servers (and no work for them per start).
  telemetry: false,
  collections: [Items, Categories, Media, Users, ApiClients, AuditLog, AttemptCounters],
  plugins: plugins(),
  // Browsers may use the login cookie, and read the API, only from our own origins.
  csrf: allowedOrigins(cmsConfig),
  cors: allowedOrigins(cmsConfig),
  upload: {
    limits: { fileSize: MEDIA_MAX_BYTES },
    responseOnLimit: `The file is too large: at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`,
  },
  hooks: {
    afterError: [auditFailedLogin, answerFailedLoginsAlike],
  },
  // Payload's jobs queue carries scheduled publish and unpublish (Items: versions.drafts.schedulePublish).
  // It runs inside each CMS process (autoRun, every JOBS_CRON; cms/boot.ts starts it), and each due
  // job runs once across replicas (cms/database/jobClaims.ts). Over HTTP nobody may run, queue or
  // cancel jobs: /api/payload-jobs/run and /handle-schedules are closed to everyone, API keys
  // included (Payload's default lets any authenticated caller run the queue). Staff schedule from
  // the item's edit screen (Payload's server function, signed-in staff only: cms/security/scheduling.ts).
  jobs: {
    access: { run: () => false, queue: () => false, cancel: () => false },
    autoRun: [{ cron: cmsConfig.JOBS_CRON, queue: 'default', limit: 10 }],
  },
  admin: {
    user: USERS,
    meta: { titleSuffix: ' · Minimart back office' },
    components: {
      beforeNavLinks: ['/cms/components/LowStockLink#LowStockLink'],
      // Uncle Pat's first screen: his shop's state (cms/dashboard).
      beforeDashboard: ['/cms/components/Dashboard#Dashboard'],
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
    await backfillSearchTerms(payload)
    await ensureAisleOrderInDev(payload)
    await ensureAdminSearchInDev(payload)
    await seed(payload, cmsConfig)
    // After the seed, so a first start plans the demo catalogue from its statistics too.
    await keepPlannerStatistics(payload)
  },
})
  .then(internalCollectionsForStaffOnly)
  .then(guardRequestBodies)
