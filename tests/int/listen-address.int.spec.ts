/**
 * A local try-out (MINIMART_ENV=local, the default) has an admin password printed in the README:
 * both apps must answer this machine only unless CMS_HOST / HOST say otherwise. Production keeps
 * listening on every interface (docker publishes the ports).
 *
 * On Linux every 127.x.y.z address reaches this machine, but a server bound to 127.0.0.1 does
 * not answer on 127.0.0.2, while one bound to every interface does: that tells the two apart
 * without needing a second network card.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Cms, productionEnv, type Server, startCms, startStorefront } from '../helpers/servers'

/** Whether something accepts TCP connections on host:port. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port })
    socket.setTimeout(3000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })

const portOf = (server: { url: string }) => Number(new URL(server.url).port)

describe.runIf(process.platform === 'linux')('where the apps listen', () => {
  const started: Server[] = []
  let cms: Cms
  beforeAll(async () => {
    cms = await startCms()
    started.push(cms)
  })
  afterAll(() => Promise.all(started.map((server) => server.stop())))

  it('local mode: the CMS answers 127.0.0.1 only', async () => {
    expect(await accepts('127.0.0.1', cms.port)).toBe(true)
    expect(await accepts('127.0.0.2', cms.port)).toBe(false)
  })

  it('local mode: the storefront answers 127.0.0.1 only', async () => {
    const shop = await startStorefront(cms.url, { HOST: '' })
    started.push(shop)
    expect(await accepts('127.0.0.1', portOf(shop))).toBe(true)
    expect(await accepts('127.0.0.2', portOf(shop))).toBe(false)
  })

  it('CMS_HOST and HOST choose another address (here: every interface)', async () => {
    const wide = await startCms({ env: { CMS_HOST: '0.0.0.0' } })
    started.push(wide)
    expect(await accepts('127.0.0.2', wide.port)).toBe(true)
    const shop = await startStorefront(cms.url, { HOST: '0.0.0.0' })
    started.push(shop)
    expect(await accepts('127.0.0.2', portOf(shop))).toBe(true)
  })

  it('production listens on every interface, as docker needs', async () => {
    const env = productionEnv()
    const production = await startCms({ env: { ...env, ADMIN_PASSWORD: 'a-production-password-1' } })
    started.push(production)
    expect(await accepts('127.0.0.2', production.port)).toBe(true)
    const shop = await startStorefront(production.url, { MINIMART_ENV: 'production', REVALIDATE_SECRET: env.REVALIDATE_SECRET, HOST: '' })
    started.push(shop)
    expect(await accepts('127.0.0.2', portOf(shop))).toBe(true)
  })
})
