/**
 * POST /api/revalidate (shared/purge.ts PURGE_PATH) — the CMS calls this after an item changes
 * (cms/hooks/revalidateStorefront.ts) with `Authorization: Bearer <REVALIDATE_SECRET>` and
 * `{"collection":"items"}` (shared/purge.ts purgeRequest); every cached CMS
 * answer and rendered page is then refetched or re-rendered on its next use. A wrong or missing
 * secret gets 401.
 */
import type { APIRoute } from 'astro'
import { PURGE_TARGETS, purgeTargetOf } from '../../../../shared/purge.ts'
import { shopConfig } from '../../config'
import { purge } from '../../lib/cache'
import { bearerToken, isSecret } from '../../lib/secret'

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })

export const POST: APIRoute = async ({ request }) => {
  if (!isSecret(bearerToken(request.headers.get('authorization')), shopConfig.REVALIDATE_SECRET)) {
    return json(401, { error: 'A valid revalidation secret is required.' }, { 'www-authenticate': 'Bearer' })
  }
  const body: unknown = await request.json().catch(() => null)
  const collection = purgeTargetOf(body)
  if (!collection) return json(400, { error: `"collection" must be one of: ${PURGE_TARGETS.join(', ')}.` })
  purge()
  return json(200, { purged: collection })
}

export const ALL: APIRoute = () => json(405, { error: 'Use POST.' }, { allow: 'POST' })
