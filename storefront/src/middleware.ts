import { defineMiddleware, sequence } from 'astro:middleware'

import { pageCache } from './lib/cache'
import { CmsUnavailableError } from './lib/cms'

/**
 * When the CMS cannot be reached, any page becomes the friendly "back in a moment" page with
 * status 503 (and Retry-After), never a stack trace.
 */
const cmsUnavailable = defineMiddleware(async (context, next) => {
  try {
    return await next()
  } catch (error) {
    if (!(error instanceof CmsUnavailableError)) throw error
    console.warn(`${context.request.method} ${context.url.pathname}: ${error.message}`)
    const page = await context.rewrite('/unavailable')
    const headers = new Headers(page.headers)
    headers.set('Retry-After', '30')
    headers.set('Cache-Control', 'no-store')
    return new Response(page.body, { status: 503, headers })
  }
})

export const onRequest = sequence(cmsUnavailable, pageCache)
