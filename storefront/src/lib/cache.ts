/**
 * The storefront's short-lived memory (lru-cache), in two layers, both purged together:
 *
 * - CMS answers, keyed by the REST request: fresh for CMS_CACHE_SECONDS, then refetched on next
 *   use (concurrent requests share one fetch). Stale-if-error: when a refetch fails, the last
 *   good answer is served for as long as it is among the most recently used; when the CMS is
 *   back, the next refetch succeeds.
 * - Rendered pages that declare themselves `public` (Cache-Control), keyed by URL, so a popular
 *   page is not rendered again for every shopper. A page is only ever rendered from the CMS
 *   answers above, so the pages need no stale-if-error of their own.
 *
 * purge() (called by the CMS after every edit) makes every entry refetch or re-render on its
 * next use; old CMS answers are kept until then as the fallback for a CMS that is down.
 */
import type { MiddlewareHandler } from 'astro'

import { CMS_CACHE_SECONDS } from 'astro:env/server'
import { LRUCache } from 'lru-cache'

/** Bumped by every purge; entries remember the generation they were fetched or rendered in. */
let generation = 0

/** The CMS purges once its change is committed (cms/hooks/afterCommit.ts), so one bump suffices. */
export function purge(): void {
  generation += 1
}

type Answer = { value: unknown; generation: number }
type Load = () => Promise<unknown>

const answers = new LRUCache<string, Answer, Load>({
  max: 2000,
  ttl: CMS_CACHE_SECONDS * 1000,
  allowStaleOnFetchRejection: true,
  fetchMethod: async (_key, _stale, { context: load }) => {
    const startedIn = generation
    return { value: await load(), generation: startedIn }
  },
})

/**
 * The cached answer for `key`, loading it with `load` when missing, expired or purged. Throws
 * what `load` threw when there is no earlier answer to fall back on.
 */
export async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const previous = answers.peek(key, { allowStale: true })
  const status: LRUCache.Status<string, Answer, Load> = {}
  const answer = await answers.fetch(key, {
    context: load,
    forceRefresh: previous !== undefined && previous.generation !== generation,
    status,
  })
  if (answer === undefined) throw status.fetchError ?? new Error(`No answer for ${key}`)
  if (status.returnedStale) console.warn(`Serving a stale copy of ${key}: ${errorMessage(status.fetchError)}`)
  return answer.value as T
}

type Page = { body: ArrayBuffer; status: number; headers: [string, string][]; generation: number }

const pages = new LRUCache<string, Page>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (page) => page.body.byteLength + 1024,
  ttl: CMS_CACHE_SECONDS * 1000,
})

/** Which cached page answers a URL. */
function pageKey(url: URL): string {
  // The origin is part of the key because pages print absolute URLs (canonical, Open Graph).
  return url.origin + url.pathname + url.search
}

/** The current cached page for a GET of `url`, if there is one (expired or purged ones are not). */
function cachedPage(url: URL): Page | undefined {
  const hit = pages.get(pageKey(url))
  return hit && hit.generation === generation ? hit : undefined
}

export type { Page as CachedPage }
export type PageLookup = (url: URL) => Page | undefined

// storefront/server.ts answers hits itself, before Astro's routing, middleware and rendering run;
// it loads Astro's bundle as a separate module graph, so the lookup is shared through globalThis.
;(globalThis as Record<symbol, unknown>)[Symbol.for('minimart.pageCache')] = cachedPage satisfies PageLookup

/** Middleware: serves GET pages marked `public` from memory, until they expire or a purge. */
export const pageCache: MiddlewareHandler = async ({ request, url }, next) => {
  if (request.method !== 'GET') return next()
  const key = pageKey(url)
  const hit = cachedPage(url)
  if (hit) {
    return new Response(hit.body, { status: hit.status, headers: hit.headers })
  }
  const renderedIn = generation
  const response = await next()
  if (!/\bpublic\b/.test(response.headers.get('cache-control') ?? '') || response.headers.has('set-cookie')) {
    return response
  }
  const page: Page = { body: await response.arrayBuffer(), status: response.status, headers: [...response.headers], generation: renderedIn }
  pages.set(key, page)
  return new Response(page.body, { status: page.status, headers: page.headers })
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error))
