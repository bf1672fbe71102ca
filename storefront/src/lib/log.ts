/** The storefront's logger: JSON lines in production, readable lines locally (shared/logger.ts). */

import { createLogger } from '../../../shared/logger.ts'
import { shopConfig } from '../config'

export const log = createLogger({ name: 'storefront', json: shopConfig.MINIMART_ENV === 'production', level: shopConfig.LOG_LEVEL })
