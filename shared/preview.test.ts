import { describe, expect, it } from 'vitest'

import { isPreviewFetchToken, PREVIEW_LINK_SECONDS, previewFetchToken, signPreview, verifyPreview } from './preview.ts'

const secret = 'a-shared-secret-of-the-two-apps-0123456789'
const now = Date.UTC(2026, 10, 30, 7, 0, 0)

describe('signed preview links', () => {
  it('a fresh link grants a preview of its own item until it expires', () => {
    const token = signPreview(secret, 42, now)
    expect(verifyPreview(secret, token, now)).toEqual({ id: '42', expires: new Date(now + PREVIEW_LINK_SECONDS * 1000) })
    expect(verifyPreview(secret, token, now + (PREVIEW_LINK_SECONDS - 1) * 1000)?.id).toBe('42')
    expect(verifyPreview(secret, signPreview(secret, '665f1c2ab3', now), now)?.id).toBe('665f1c2ab3')
  })

  it('an expired link grants nothing', () => {
    const token = signPreview(secret, 42, now)
    expect(verifyPreview(secret, token, now + PREVIEW_LINK_SECONDS * 1000)).toBeNull()
    expect(verifyPreview(secret, token, now + 24 * 3600 * 1000)).toBeNull()
  })

  it('a link altered to another item, a later expiry or another signature grants nothing', () => {
    const [id, expires, sig] = signPreview(secret, 42, now).split('.')
    expect(verifyPreview(secret, `43.${expires}.${sig}`, now)).toBeNull()
    expect(verifyPreview(secret, `${id}.${Number(expires) + 3600}.${sig}`, now)).toBeNull()
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A')
    expect(verifyPreview(secret, `${id}.${expires}.${flipped}`, now)).toBeNull()
  })

  it('a link signed with another secret, or one too long-lived to be ours, grants nothing', () => {
    expect(verifyPreview(secret, signPreview('another-secret-entirely-0123456789abcdef', 42, now), now)).toBeNull()
    // Signed "now" by someone holding the secret, but for a day: longer than any link we make.
    const later = signPreview(secret, 42, now + 24 * 3600 * 1000)
    expect(verifyPreview(secret, later, now)).toBeNull()
  })

  it.each([undefined, null, '', '42', '42.1', 'x.y.z', `42.${'9'.repeat(20)}.abc`, '../../etc.1.x', 'a'.repeat(500)])(
    'malformed token %j grants nothing',
    (token) => {
      expect(verifyPreview(secret, token, now)).toBeNull()
    },
  )

  it('no secret, no preview', () => {
    expect(verifyPreview(undefined, signPreview(secret, 42, now), now)).toBeNull()
    expect(verifyPreview('', signPreview(secret, 42, now), now)).toBeNull()
  })

  it('the fetch credential is neither the secret nor a link signature, and only the right one passes', () => {
    const credential = previewFetchToken(secret)
    expect(credential).not.toContain(secret)
    expect(signPreview(secret, 42, now)).not.toContain(credential)
    expect(isPreviewFetchToken(secret, credential)).toBe(true)
    expect(isPreviewFetchToken(secret, secret)).toBe(false)
    expect(isPreviewFetchToken(secret, `${credential}x`)).toBe(false)
    expect(isPreviewFetchToken(secret, null)).toBe(false)
    expect(isPreviewFetchToken(undefined, credential)).toBe(false)
  })
})
