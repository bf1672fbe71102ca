/** The storefront's logger: JSON lines in production, readable lines locally (shared/logger.ts). */
import { LOG_LEVEL, MINIMART_ENV } from 'astro:env/server'

import { createLogger } from '../../../shared/logger.ts'

export const log = createLogger({ name: 'storefront', json: MINIMART_ENV === 'production', level: LOG_LEVEL })
