import { chmodSync, renameSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { type Cms, type Server, startCms, startStorefront } from '../helpers/servers'

let cms: Cms
let shop: Server

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri() })
  shop = await startStorefront(cms.url)
})
afterAll(async () => {
  await shop?.stop()
  await cms?.stop()
})

const health = async () => {
  const response = await fetch(`${cms.url}/api/health`)
  return { status: response.status, text: await response.text(), cacheControl: response.headers.get('cache-control') }
}

describe('CMS GET /api/health', () => {
  it('answers 200 while the database answers, with nothing secret in the body', async () => {
    const { status, text, cacheControl } = await health()
    expect(status).toBe(200)
    expect(JSON.parse(text)).toEqual({ status: 'ok', database: 'ok' })
    expect(cacheControl).toBe('no-store')
  })

  const file = () => cms.databaseUri.replace(/^file:/, '')

  it.skipIf(databaseKind() !== 'sqlite')('answers 503 while the database file is unreadable, and 200 again once it is back', async () => {
    chmodSync(file(), 0o000)
    try {
      const { status, text } = await health()
      expect(status).toBe(503)
      expect(JSON.parse(text)).toEqual({ status: 'unavailable', database: 'unreachable' })
      // The reason is in the log, never in the answer.
      expect(text).not.toContain(file())
      expect(cms.output()).toContain('health: the database does not answer')
    } finally {
      chmodSync(file(), 0o644)
    }
    expect((await health()).status).toBe(200)
  })

  it.skipIf(databaseKind() !== 'sqlite')('answers 503 while the database file is gone (writes would go nowhere)', async () => {
    renameSync(file(), `${file()}.moved`)
    try {
      expect((await health()).status).toBe(503)
    } finally {
      renameSync(`${file()}.moved`, file())
    }
    expect((await health()).status).toBe(200)
  })
})

describe('storefront /healthz and /readyz', () => {
  it('/healthz: 200 while the storefront serves; /readyz: 200 while the CMS is healthy', async () => {
    const live = await fetch(`${shop.url}/healthz`)
    expect(live.status).toBe(200)
    expect(await live.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${shop.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', cms: 'ok' })
  })

  it.skipIf(databaseKind() !== 'sqlite')('/readyz: 503 while the CMS cannot reach its database', async () => {
    const file = cms.databaseUri.replace(/^file:/, '')
    chmodSync(file, 0o000)
    try {
      const ready = await fetch(`${shop.url}/readyz`)
      expect(ready.status).toBe(503)
      expect(await ready.json()).toEqual({ status: 'not ready', cms: 'unreachable' })
      expect((await fetch(`${shop.url}/healthz`)).status).toBe(200)
    } finally {
      chmodSync(file, 0o644)
    }
  })

  it('/readyz: 503 when the CMS is down, while /healthz stays 200', async () => {
    const other = await startCms({ databaseUri: freshDatabaseUri() })
    const lonelyShop = await startStorefront(other.url)
    try {
      expect((await fetch(`${lonelyShop.url}/readyz`)).status).toBe(200)
      await other.stop()
      expect((await fetch(`${lonelyShop.url}/readyz`)).status).toBe(503)
      expect((await fetch(`${lonelyShop.url}/healthz`)).status).toBe(200)
    } finally {
      await lonelyShop.stop()
      await other.stop()
    }
  })
})
