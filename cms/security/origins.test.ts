import { describe, expect, it } from 'vitest'

import { allowedOrigins } from './origins'

describe('allowedOrigins: who may use the login cookie and read the API from a browser', () => {
  it('production: exactly the admin and the shop, nothing else', () => {
    expect(
      allowedOrigins({ MINIMART_ENV: 'production', CMS_PUBLIC_URL: 'https://admin.pat.sg', SHOP_URL: 'https://pat.sg' }).sort(),
    ).toEqual(['https://admin.pat.sg', 'https://pat.sg'])
  })

  it('production without SHOP_URL: the admin only (no guessed localhost shop)', () => {
    expect(allowedOrigins({ MINIMART_ENV: 'production', CMS_PUBLIC_URL: 'https://admin.pat.sg', SHOP_URL: undefined })).toEqual([
      'https://admin.pat.sg',
    ])
  })

  it('local: the shop of npm start, and each loopback address under its other names', () => {
    const origins = allowedOrigins({ MINIMART_ENV: 'local', CMS_PUBLIC_URL: 'http://localhost:3000', SHOP_URL: undefined })
    expect(origins).toEqual(
      expect.arrayContaining([
        'http://localhost:3000',
        'http://127.0.0.1:3000',
        'http://[::1]:3000',
        'http://localhost:4321',
        'http://127.0.0.1:4321',
      ]),
    )
    expect(origins.every((origin) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):(3000|4321)$/.test(origin))).toBe(true)
  })

  it('local with a real host name: no loopback aliases are added for it', () => {
    expect(
      allowedOrigins({ MINIMART_ENV: 'local', CMS_PUBLIC_URL: 'http://pat.lan:3000', SHOP_URL: 'http://pat.lan:4321' }).sort(),
    ).toEqual(['http://pat.lan:3000', 'http://pat.lan:4321'])
  })
})
