/**
 * Starts the real, built apps for tests: the CMS (cms/server.ts) on its own database and the
 * storefront (storefront/server.ts), each on a free port, each in its own process group so a test can stop it
 * (or kill it) completely. Shared by the Vitest and Playwright suites.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { CMS_CONFIG_NAMES } from '../../cms/config.ts'
import { SHOP_CONFIG_NAMES } from '../../storefront/src/config.ts'

export const root = path.resolve(import.meta.dirname, '../..')

/** The admin password the test servers seed, unless a test says otherwise. */
export const TEST_ADMIN_PASSWORD = 'test-only-admin-password'

/** Every variable the apps read (from their config schemas); blanked so a developer's .env never leaks into a test. */
export const APP_VARIABLES = [...new Set([...CMS_CONFIG_NAMES, ...SHOP_CONFIG_NAMES])]

/**
 * A production configuration that passes every check: strong secrets, an https public address.
 * The public address is never visited; REST calls go to the test server's own port.
 */
export function productionEnv(): Record<string, string> {
  return {
    MINIMART_ENV: 'production',
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    REVALIDATE_SECRET: randomBytes(32).toString('hex'),
    CMS_PUBLIC_URL: 'https://admin.minimart.test',
    // Nothing listens there: purges fail, are logged, and never fail a save.
    STOREFRONT_URL: 'http://127.0.0.1:9',
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export function temporarySqliteUri(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimart-test-'))
  return `file:${path.join(dir, 'cms.db')}`
}

export type Server = {
  url: string
  process: ChildProcess
  /** Everything the server printed so far. */
  output: () => string
  /** Resolves with the exit code (null when a signal killed it) once the server has exited. */
  exited: Promise<number | null>
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

type Start = { command: string[]; env: Record<string, string>; port: number; readyPath: string }

async function startServer({ command, env, port, readyPath }: Start): Promise<Server> {
  const child = spawn(process.execPath, command, {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      ...Object.fromEntries(APP_VARIABLES.map((name) => [name, ''])),
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const server: Server = {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return
      try {
        process.kill(-child.pid!, signal)
      } catch {
        return
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {}
      }, 20_000)
      await exited
      clearTimeout(timer)
    },
  }

  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${command.join(' ')} exited with ${child.exitCode} before it was ready:\n${output}`)
    }
    try {
      const response = await fetch(server.url + readyPath, { signal: AbortSignal.timeout(5000) })
      if (response.status < 500) return server
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await server.stop('SIGKILL')
  throw new Error(`${command.join(' ')} was not ready within 120 s:\n${output}`)
}

export type CmsOptions = { databaseUri?: string; env?: Record<string, string>; port?: number }
export type Cms = Server & { databaseUri: string; port: number }

/**
 * The built CMS (cms/server.ts) on a fresh SQLite file unless told otherwise, with its own media
 * folder, its public URL set to where it listens (the only origin its login cookie accepts), and
 * a login rate limit high enough for suites that log in often (tests of the limit set their own).
 */
export async function startCms({ databaseUri = temporarySqliteUri(), env = {}, port }: CmsOptions = {}): Promise<Cms> {
  port ??= await freePort()
  const server = await startServer({
    command: [path.join(root, 'cms/server.ts')],
    env: {
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URI: databaseUri,
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      SEED_DEMO: 'false',
      CMS_PUBLIC_URL: `http://127.0.0.1:${port}`,
      MEDIA_DIR: mkdtempSync(path.join(os.tmpdir(), 'minimart-media-')),
      AUTH_RATE_LIMIT: '1000',
      ...env,
      CMS_PORT: String(port),
    },
    port,
    readyPath: '/api/health',
  })
  return { ...server, databaseUri, port }
}

/**
 * Starts the CMS with a configuration it must refuse; resolves with its exit code and output
 * once it has exited (or fails the test if it serves requests instead).
 */
export const startCmsExpectingRefusal = (options: CmsOptions) => expectRefusal('CMS', () => startCms(options))

/** Starts the storefront with a configuration it must refuse, as startCmsExpectingRefusal. */
export const startStorefrontExpectingRefusal = (cmsUrl: string, env: Record<string, string>) =>
  expectRefusal('storefront', () => startStorefront(cmsUrl, env))

async function expectRefusal(name: string, start: () => Promise<Server>): Promise<{ code: number | null; output: string }> {
  try {
    const server = await start()
    await server.stop()
    throw new Error(`The ${name} started although it should have refused:\n${server.output()}`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const match = /exited with (\S+) before it was ready:\n([\s\S]*)$/.exec(message)
    if (!match) throw error
    return { code: match[1] === 'null' ? null : Number(match[1]), output: match[2] }
  }
}

/** The built storefront (storefront/server.ts around Astro's build) reading the given CMS. */
export async function startStorefront(cmsUrl: string, env: Record<string, string> = {}, port?: number): Promise<Server> {
  port ??= await freePort()
  return startServer({
    command: [path.join(root, 'storefront/server.ts')],
    env: { CMS_URL: cmsUrl, HOST: '127.0.0.1', ...env, PORT: String(port) },
    port,
    readyPath: '/healthz',
  })
}

export type Shop = { cms: Cms; shop: Server; secret: string; stop: () => Promise<void> }

/**
 * The CMS and the storefront wired to each other as in production: the storefront reads the
 * CMS, and the CMS purges the storefront's cache after every edit, with a shared secret. The
 * storefront's port is chosen first, because the CMS must know where to send its purges.
 */
export async function startShop({
  cms: cmsOptions = {},
  shopEnv = {},
}: {
  cms?: CmsOptions
  shopEnv?: Record<string, string>
} = {}): Promise<Shop> {
  const secret = randomBytes(32).toString('hex')
  const shopPort = await freePort()
  const cms = await startCms({
    ...cmsOptions,
    env: { STOREFRONT_URL: `http://127.0.0.1:${shopPort}`, REVALIDATE_SECRET: secret, ...cmsOptions.env },
  })
  try {
    const shop = await startStorefront(cms.url, { REVALIDATE_SECRET: secret, ...shopEnv }, shopPort)
    return {
      cms,
      shop,
      secret,
      stop: async () => {
        await shop.stop()
        await cms.stop()
      },
    }
  } catch (error) {
    await cms.stop()
    throw error
  }
}
