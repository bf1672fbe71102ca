import { describe, expect, it } from 'vitest'

import { clientIp } from './clientIp'

const from = (forwarded?: string) => clientIp({ headers: new Headers(forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }) })

describe('clientIp: the address the per-address login limit counts', () => {
  it('is the last X-Forwarded-For entry (the one our own side added)', () => {
    expect(from('203.0.113.9, 198.51.100.7')).toBe('198.51.100.7')
    expect(from('  10.0.0.5  ')).toBe('10.0.0.5')
  })

  it('reads an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(from('::ffff:127.0.0.1')).toBe('127.0.0.1')
  })

  it('is null without the header (Local API calls have no client)', () => {
    expect(from()).toBeNull()
    expect(from('')).toBeNull()
  })
})
