import { describe, expect, it } from 'vitest'

import { itemParts, partPath, SITEMAP_URLS_MAX, sitemapIndex, urlset } from './sitemap'

describe('the sitemap', () => {
  it("is one file while the home page, the aisles and the items fit the protocol's 50 000 addresses", () => {
    expect(SITEMAP_URLS_MAX).toBe(50_000)
    expect(itemParts(0, 0)).toBe(0)
    expect(itemParts(49_959, 40)).toBe(0) // 1 + 40 + 49 959 = 50 000
    expect(itemParts(49_960, 40)).toBe(1)
    expect(itemParts(50_000, 0)).toBe(1)
    expect(itemParts(100_000, 40)).toBe(2)
    expect(itemParts(100_001, 40)).toBe(3)
    expect(itemParts(10, 0, 5)).toBe(2)
  })

  it('names its parts', () => {
    expect(partPath('aisles')).toBe('/sitemap/aisles.xml')
    expect(partPath(2)).toBe('/sitemap/items-2.xml')
  })

  it('indexes the aisles part and each items part', () => {
    const index = sitemapIndex('https://shop.example', 2)
    expect(index).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
    )
    expect([...index.matchAll(/<sitemap><loc>([^<]*)<\/loc><\/sitemap>/g)].map((match) => match[1])).toEqual([
      'https://shop.example/sitemap/aisles.xml',
      'https://shop.example/sitemap/items-1.xml',
      'https://shop.example/sitemap/items-2.xml',
    ])
  })

  it('escapes addresses and dates, and leaves out a missing date', () => {
    const xml = urlset([
      { loc: "https://shop.example/items/a&b'<c>" },
      { loc: 'https://shop.example/', lastmod: '2026-11-30T10:00:00.000Z' },
    ])
    expect(xml).toContain('<url><loc>https://shop.example/items/a&amp;b&apos;&lt;c&gt;</loc></url>')
    expect(xml).toContain('<url><loc>https://shop.example/</loc><lastmod>2026-11-30T10:00:00.000Z</lastmod></url>')
    expect(xml.trimEnd().endsWith('</urlset>')).toBe(true)
  })
})
