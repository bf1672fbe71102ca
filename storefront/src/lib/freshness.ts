/**
 * Keeps this replica's caches in step with the catalogue without any wiring: it asks the CMS for
 * its catalogue version every CATALOGUE_POLL_MS and purges when the version changes (the poll half
 * of shared/purge.ts). The CMS's push purge stays, for instant updates where it reaches this
 * replica; replicas it does not know about still catch up within a poll.
 */
import { CATALOGUE_VERSION_PATH, catalogueVersionOf } from '../../../shared/purge.ts'
import { shopConfig } from '../config'
import { purge } from './cache'
import { log } from './log'

let lastSeen: string | undefined
let asking = false
let watching = false

async function checkCatalogueVersion(): Promise<void> {
  if (asking) return // the CMS is slow: one question at a time
  asking = true
  try {
    const response = await fetch(`${shopConfig.cmsUrl}${CATALOGUE_VERSION_PATH}`, {
      headers: { accept: 'application/json', 'accept-encoding': 'identity' },
      signal: AbortSignal.timeout(shopConfig.CMS_TIMEOUT_MS),
    })
    const version = response.ok ? catalogueVersionOf(await response.json()) : undefined
    // The first answer only sets the mark: the caches fill from the first request on, in step
    // with it (an edit in between is what the CMS's own purge covers).
    if (version !== undefined && version !== lastSeen) {
      if (lastSeen !== undefined) {
        purge()
        log.debug({ version }, 'catalogue changed: caches purged')
      }
      lastSeen = version
    }
  } catch {
    // The CMS is unreachable: the caches keep serving what they have (see cache.ts), and the next
    // poll tries again.
  } finally {
    asking = false
  }
}

/** Starts the poll, once per process (CATALOGUE_POLL_MS=0 turns it off). */
export function watchCatalogue(): void {
  if (watching || shopConfig.CATALOGUE_POLL_MS === 0) return
  watching = true
  void checkCatalogueVersion()
  setInterval(checkCatalogueVersion, shopConfig.CATALOGUE_POLL_MS).unref()
}
