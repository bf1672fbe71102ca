/**
 * The admin's two-factor pages go "back" to the address in their `back` parameter after a correct
 * code (issue 11, finding 2): only paths on this site get through; and admin pages run scripts
 * only with their nonce, so an injected script or a javascript: URL would not run anyway.
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
    // Not sent back to the same page with another back= (the page itself sends a visitor who is
    // not logged in to the login page).
    const location = kept.headers.get('location')
    if (location) expect(new URL(location, cms.url).pathname).not.toBe('/admin/verify-totp')
    const twice = await visit('/admin/verify-totp?back=/admin&back=javascript:alert(1)')
    expect(twice.status).toBe(307)
    expect(new URL(twice.headers.get('location')!, cms.url).searchParams.getAll('back')).toEqual(['/admin'])
  })
})

describe('Content-Security-Policy', () => {
  it('admin pages allow scripts only with a fresh nonce, never inline or javascript: ones', async () => {
    const policies: string[] = []
    for (let i = 0; i < 2; i++) {
      const response = await visit('/admin/login')
      expect(response.status).toBe(200)
      const policy = response.headers.get('content-security-policy') ?? ''
      const scriptSrc =
        policy
          .split(';')
          .map((part) => part.trim())
          .find((part) => part.startsWith('script-src')) ?? ''
      expect(scriptSrc).not.toContain('unsafe-inline')
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1]
      expect(nonce).toBeTruthy()
      // Next puts it on the scripts it renders.
      const html = await response.text()
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length).toBeGreaterThan(0)
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)
      policies.push(policy)
    }
    expect(policies[0]).not.toBe(policies[1])
  })

  it("API answers allow no scripts but this origin's", async () => {
    const policy = (await visit('/api/health')).headers.get('content-security-policy') ?? ''
    expect(policy).toMatch(/script-src 'self';/)
    expect(policy).toContain("frame-ancestors 'none'")
  })
})
