/**
 * The storefront's short-lived memory (lru-cache), in two layers, both purged together:
 *
 * - CMS answers, keyed by the REST request: fresh for CMS_CACHE_SECONDS, then refetched on next
 *   use (concurrent requests share one fetch). Stale-if-error: when a refetch fails, the last
 *   good answer is served for as long as it is among the most recently used; when the CMS is
 *   back, the next refetch succeeds.
 * - Rendered pages that answer 200 and declare themselves `public` (Cache-Control), so a popular
 *   page is not rendered again for every shopper, keyed by the page and only the parameters it
 *   reads (lib/pageKey.ts): made-up query strings cannot fill the cache with copies, and 404s,
 *   400s and errors are never kept. A page is only ever rendered from the CMS answers above, so
 *   the pages need no stale-if-error of their own.
 *
 * purge() (called by the CMS after every edit) makes every entry refetch or re-render on its
 * next use; old CMS answers are kept until then as the fallback for a CMS that is down.
 */
import type { MiddlewareHandler } from 'astro'
import { LRUCache } from 'lru-cache'
import { shopConfig } from '../config'

import { type Encoding, encodedBody, encodedHeaders, preferredEncoding, type Variants } from './encoding'
import { FRACTION_DIGITS } from './money'
import { pageKey } from './pageKey'

/** Bumped by every purge; entries remember the generation they were fetched or rendered in. */
let generation = 0

/** The CMS purges once its change is committed (cms/database/afterCommit.ts), so one bump suffices. */
export function purge(): void {
  generation += 1
}

type Answer = { value: unknown; generation: number }
type Load = () => Promise<unknown>

const answers = new LRUCache<string, Answer, Load>({
  max: 2000,
  ttl: shopConfig.CMS_CACHE_SECONDS * 1000,
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

/** `variants`: the body, plain and compressed (lib/encoding.ts), each made once. */
type Page = { variants: Variants; status: number; headers: [string, string][]; generation: number }

const pages = new LRUCache<string, Page>({
  maxSize: 64 * 1024 * 1024,
  // The plain body and room for its compressed copies (a fraction of it).
  sizeCalculation: (page) => Math.ceil(page.variants.get(undefined)!.byteLength * 1.5) + 1024,
  ttl: shopConfig.CMS_CACHE_SECONDS * 1000,
})

/** Says whether a page came from memory: `X-Cache: HIT` or `MISS` (absent: never cached). */
const CACHE_HEADER = 'x-cache'

/**
 * Which cached page answers a URL: its origin (pages print absolute URLs: canonical, Open Graph)
 * and its path with only the parameters the page reads (pageKey.ts); null when it is not cached.
 */
function cacheKeyOf(url: URL): string | null {
  const path = pageKey(url, FRACTION_DIGITS)
  return path === null ? null : url.origin + path
}

/** The current cached page for a GET of `url`, if there is one (expired or purged ones are not). */
function cachedPage(url: URL): Page | undefined {
  return current(cacheKeyOf(url))
}

const current = (key: string | null): Page | undefined => {
  const hit = key === null ? undefined : pages.get(key)
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
  const key = cacheKeyOf(url)
  if (key === null) return next()
  const encoding = preferredEncoding(request.headers.get('accept-encoding'))
  const hit = current(key)
  if (hit) return pageResponse(hit, encoding, 'HIT')
  const renderedIn = generation
  const response = await next()
  // Only real pages: a 404 or 400 for a made-up address must not take the place of a page.
  if (response.status !== 200 || !/\bpublic\b/.test(response.headers.get('cache-control') ?? '') || response.headers.has('set-cookie')) {
    return response
  }
  const body = Buffer.from(await response.arrayBuffer())
  const page: Page = {
    variants: new Map([[undefined, body]]),
    status: response.status,
    headers: [...response.headers],
    generation: renderedIn,
  }
  pages.set(key, page)
  // Already compressed as the browser asked, once for this and every later hit (lib/encoding.ts):
  // storefront/server.ts's compression middleware leaves an encoded response alone.
  return pageResponse(page, encoding, 'MISS')
}

function pageResponse(page: Page, encoding: Encoding, cache: 'HIT' | 'MISS'): Response {
  const body = encodedBody(page.variants, encoding)
  return new Response(body, { status: page.status, headers: [...encodedHeaders(page.headers, encoding, body), [CACHE_HEADER, cache]] })
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error))
