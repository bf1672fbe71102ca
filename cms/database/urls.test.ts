import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { isMongoUri, sqliteFile } from './urls'

describe('what a DATABASE_URI names', () => {
  it.each(['mongodb://mongo:27017/minimart', 'mongodb+srv://cluster.example.net/shop'])('%s is MongoDB', (uri) => {
    expect(isMongoUri(uri)).toBe(true)
  })

  it.each([undefined, '', 'file:./data/minimart.db', 'postgres://x', 'MONGODB://upper'])('%j is not MongoDB', (uri) => {
    expect(isMongoUri(uri)).toBe(false)
  })

  it('an SQLite URL names a file relative to the working directory, query string aside', () => {
    expect(sqliteFile('file:./data/minimart.db')).toBe(path.resolve('data/minimart.db'))
    expect(sqliteFile('file:///tmp/shop.db?mode=rw')).toBe('/tmp/shop.db')
    expect(sqliteFile('file:data/x.db')).toBe(path.resolve('data/x.db'))
  })

  it('an in-memory database has no file', () => {
    expect(sqliteFile('file::memory:')).toBeUndefined()
    expect(sqliteFile('file:')).toBeUndefined()
  })
})
