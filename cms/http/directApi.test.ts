import { describe, expect, it } from 'vitest'

import { directApiPath } from './directApi.ts'

const payload = { apiRoute: '/api', cookiePrefix: 'payload' }

describe('directApiPath: which requests cms/server.ts answers with Payload without Next', () => {
  it('an API read: its path, as @payloadcms/next would hand it to Payload', () => {
    expect(directApiPath('GET', '/api/items?where[slug][equals]=x', undefined, payload)).toBe('/api/items')
    expect(directApiPath('GET', '/api/items/42', 'payload-token=abc', payload)).toBe('/api/items/42')
    expect(directApiPath('GET', '/api/items/it%27s%20here', undefined, payload)).toBe("/api/items/it's%20here")
  })

  it('writes, and every method other than GET, go through Next (login, logout and refresh set cookies there)', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', undefined])
      expect(directApiPath(method, '/api/items', undefined, payload)).toBeUndefined()
  })

  it('a request with the two-factor cookie goes through Next (payload-totp reads it with next/headers)', () => {
    expect(directApiPath('GET', '/api/users/me', 'a=1; payload-totp=xyz', payload)).toBeUndefined()
  })

  it("Next's own routes and what Next would redirect or refuse stay with Next", () => {
    for (const url of [
      '/api',
      '/api/',
      '/api/graphql',
      '/api/graphql-playground',
      '/api/og',
      '/api/items/',
      '/api//items',
      '/api/items/../users',
      '/api/items/%E0%A4%A',
      '/admin/collections/items',
      '/apix/items',
    ])
      expect(directApiPath('GET', url, undefined, payload), url).toBeUndefined()
  })
})
