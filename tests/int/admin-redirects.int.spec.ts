/**
 * The admin's two-factor pages go "back" to the address in their `back` parameter after a correct
 * code (issue 11, finding 2): only paths on this site get through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri } from '../helpers/database'
import { type Cms, startCms } from '../helpers/servers'

let cms: Cms
beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri() })
})
afterAll(() => cms?.stop())

const visit = (path: string) => fetch(`${cms.url}${path}`, { redirect: 'manual' })

describe('back=', () => {
  const unsafe = [
    'javascript:alert(document.domain)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example.test/admin',
    '/\\evil.example.test',
    '/\t/evil.example.test',
    'https://evil.example.test/',
    'admin',
  ]

  for (const page of ['/admin/verify-totp', '/admin/setup-totp']) {
    it(`${page} is sent to a safe back= when given a script or another site`, async () => {
      for (const back of unsafe) {
        const response = await visit(`${page}?back=${encodeURIComponent(back)}`)
        expect(response.status, back).toBe(307)
        const location = new URL(response.headers.get('location')!, cms.url)
        expect(location.origin, back).toBe(cms.url)
        expect(location.pathname, back).toBe(page)
        expect(location.searchParams.getAll('back'), back).toEqual(['/admin'])
      }
    })
  }

  it('keeps a path on this site, and takes only one back=', async () => {
    const kept = await visit(`/admin/verify-totp?back=${encodeURIComponent('/admin/collections/items?page=2')}`)
    expect(kept.status).not.toBe(307)
    const twice = await visit('/admin/verify-totp?back=/admin&back=javascript:alert(1)')
    expect(twice.status).toBe(307)
    expect(new URL(twice.headers.get('location')!, cms.url).searchParams.getAll('back')).toEqual(['/admin'])
  })
})
