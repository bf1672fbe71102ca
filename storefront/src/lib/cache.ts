/**
 * The storefront's short-lived memory of CMS answers (lru-cache), keyed by the REST request.
 *
 * - Fresh for CMS_CACHE_SECONDS; then the next request refetches (concurrent requests for the
 *   same key share one fetch).
 * - Stale-if-error: when a refetch fails, the last good answer is served, for as long as it is
 *   among the most recently used entries; when the CMS is back, the next refetch succeeds.
 * - purge() (the CMS calls it after every edit) makes every entry refetch on its next use, but
 *   keeps the old answers as the fallback for a CMS that is down.
 */
import { CMS_CACHE_SECONDS } from 'astro:env/server'
import { LRUCache } from 'lru-cache'

type Entry = { value: unknown; generation: number }
type Load = () => Promise<unknown>

/**
 * A purge arrives while the CMS's write is still being committed, so an answer fetched within
 * this long after a purge may predate the edit: it is kept for this long only.
 */
const AFTER_PURGE_MS = 1000

let generation = 0
let purgedAt = 0

const cache = new LRUCache<string, Entry, Load>({
  max: 2000,
  ttl: CMS_CACHE_SECONDS * 1000,
  allowStaleOnFetchRejection: true,
  fetchMethod: async (_key, _stale, { context: load, options }) => {
    const startedGeneration = generation
    const value = await load()
    if (Date.now() - purgedAt < AFTER_PURGE_MS) options.ttl = AFTER_PURGE_MS
    return { value, generation: startedGeneration }
  },
})

/**
 * The cached answer for `key`, loading it with `load` when missing, expired or purged. Throws
 * what `load` threw when there is no earlier answer to fall back on.
 */
export async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const previous = cache.peek(key, { allowStale: true })
  const status: LRUCache.Status<string, Entry, Load> = {}
  const entry = await cache.fetch(key, {
    context: load,
    forceRefresh: previous !== undefined && previous.generation !== generation,
    status,
  })
  if (entry === undefined) throw status.fetchError ?? new Error(`No answer for ${key}`)
  if (status.returnedStale) console.warn(`Serving a stale copy of ${key}: ${errorMessage(status.fetchError)}`)
  return entry.value as T
}

/** Every cached answer is refetched on its next use (and kept until then, for stale-if-error). */
export function purge(): number {
  generation += 1
  purgedAt = Date.now()
  return cache.size
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error))
