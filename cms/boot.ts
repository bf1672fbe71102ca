import config from '@payload-config'
import { getPayload } from 'payload'

import { onStop } from '../shared/gracefulServer.ts'
import { closeDatabase } from './database'
import { readCmsEnv } from './env'
import { onAccessBeforeReading } from './security/earlyRefusal.ts'
import { accessBeforeReading } from './security/requestBodies'

/**
 * Payload would otherwise start lazily on the first request. Starting it with the server means a
 * bad configuration, a failed migration or a refused production password stops the start with a
 * clear message, instead of a 500 for the first visitor.
 */
export async function boot(): Promise<void> {
  try {
    readCmsEnv()
    const payload = await getPayload({ config })
    onAccessBeforeReading(accessBeforeReading(payload))
    // cms/server.ts calls this after the last request has finished on SIGTERM/SIGINT.
    onStop(async () => {
      await closeDatabase(payload)
      payload.logger.info('database closed')
    })
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
