import { describe, expect, it } from 'vitest'

import { validateSlug } from '../validation'
import { keepGivenSlug, slugOf } from './slugFromName'

describe('a slug from a name', () => {
  it.each([
    ['Breakfast & staples', 'breakfast-staples'],
    ['Milo 3-in-1 (18 sachets)', 'milo-3-in-1-18-sachets'],
    ['Instant Noodles, Curry (5 pack)', 'instant-noodles-curry-5-pack'],
    ['  Odds & ends  ', 'odds-ends'],
    ['Salt_and - Pepper', 'salt-and-pepper'],
    ['& more', 'more'],
  ])('%j → %j, which the slug rule accepts', (name, slug) => {
    expect(slugOf(name)).toBe(slug)
    expect(validateSlug(slug, {} as never)).toBe(true)
  })

  it('a name of only signs gives no slug (the required-slug message then says so)', () => {
    expect(slugOf('&&&')).toBe('')
  })
})

describe('the slug Payload saves', () => {
  const req = {} as never
  it('keeps a slug the caller gave exactly as given, so the slug rule can refuse a bad one', () => {
    expect(keepGivenSlug({ data: { slug: 'Kaya Toast!', name: 'Kaya' }, req, valueToSlugify: 'Kaya Toast!' })).toBe('Kaya Toast!')
    expect(keepGivenSlug({ data: { slug: 'kaya-400', name: 'Kaya' }, req, valueToSlugify: 'kaya-400' })).toBe('kaya-400')
  })

  it('makes a slug from the name when asked to generate one', () => {
    expect(keepGivenSlug({ data: { slug: 'old', name: 'Breakfast & staples' }, req, valueToSlugify: 'Breakfast & staples' })).toBe(
      'breakfast-staples',
    )
  })
})
