import type { APIRoute } from 'astro'

/** Liveness: the storefront process serves requests. Says nothing about the CMS (see /readyz). */
export const GET: APIRoute = () => Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } })
