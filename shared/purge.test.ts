import { describe, expect, it } from 'vitest'

import { PURGE_TARGETS, purgeRequest, purgeTargetOf } from './purge.ts'

describe('the purge protocol both apps speak', () => {
  it('what the CMS sends, the storefront reads back', () => {
    const request = purgeRequest('s3cret', 'items')
    expect(request.method).toBe('POST')
    expect(new Headers(request.headers).get('authorization')).toBe('Bearer s3cret')
    expect(purgeTargetOf(JSON.parse(String(request.body)))).toBe('items')
  })

  it('an aisle edit is a purge too', () => {
    expect(purgeTargetOf(JSON.parse(String(purgeRequest('s3cret', 'categories').body)))).toBe('categories')
  })

  it.each([null, 'items', 42, [], {}, { collection: 'users' }, { collection: ['items'] }, { collection: 'audit-log' }])(
    'the storefront refuses %j',
    (body) => {
      expect(purgeTargetOf(body)).toBeUndefined()
    },
  )

  it('names only collections the shop shows', () => {
    expect(PURGE_TARGETS).toEqual(['items', 'categories'])
  })
})
