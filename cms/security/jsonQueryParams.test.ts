import { describe, expect, it } from 'vitest'

import { malformedJsonParam } from './jsonQueryParams'

describe('malformedJsonParam: where/data given as JSON in the query string', () => {
  it.each(['where={"price":{"equals":1}}', 'data=[1,2]', 'where=', 'where[price][equals]=1', 'limit=abc'])('%s is fine', (query) => {
    expect(malformedJsonParam(new URLSearchParams(query))).toBeNull()
  })

  it.each([
    ['where=abc', 'where'],
    ['data={oops', 'data'],
    ['where={}&where={', 'where'],
  ])('%s names %s', (query, name) => {
    expect(malformedJsonParam(new URLSearchParams(query))).toBe(name)
  })
})
