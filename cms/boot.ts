import config from '@payload-config'
import { getPayload, handleEndpoints } from 'payload'

import { exitWith } from '../shared/env.ts'
import { onStop } from '../shared/gracefulServer.ts'
import { closeDatabase } from './database'
import { onDirectApi } from './http/directApi.ts'
import { onAccessBeforeReading } from './security/earlyRefusal.ts'
import { accessBeforeReading } from './security/requestBodies'

/**
 * Payload would otherwise start lazily on the first request. Starting it with the server means a
 * failed migration or a refused production password stops the start with a clear message, instead
 * of a 500 for the first visitor. (cms/server.ts checked the configuration before this.)
 */
export async function boot(): Promise<void> {
  try {
    // cron: the jobs queue (scheduled publish and unpublish) runs in this process from the start,
    // every JOBS_CRON, not only once someone has opened the admin panel.
    const payload = await getPayload({ config, cron: true })
    onAccessBeforeReading(accessBeforeReading(payload))
    // cms/server.ts answers API reads with Payload's REST handler itself (cms/http/directApi.ts):
    // the same call @payloadcms/next's REST_GET makes, with the config Next's routes use.
    onDirectApi({
      handle: (request, path) => handleEndpoints({ config, path, request }),
      apiRoute: payload.config.routes.api,
      cookiePrefix: payload.config.cookiePrefix,
    })
    // cms/server.ts calls this after the last request has finished on SIGTERM/SIGINT.
    onStop(async () => {
      await closeDatabase(payload)
      payload.logger.info('database closed')
    })
  } catch (error) {
    exitWith(error)
  }
}
