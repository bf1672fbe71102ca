/**
 * Starts the real, built apps for tests: `next start cms` on its own database and the Astro
 * standalone server, each on a free port, each in its own process group so a test can stop it
 * (or kill it) completely. Shared by the Vitest and Playwright suites.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '../..')

/** The admin password the test servers seed, unless a test says otherwise. */
export const TEST_ADMIN_PASSWORD = 'test-only-admin-password'

/** Every variable the apps read; blanked so a developer's .env never leaks into a test. */
const APP_VARIABLES = [
  'MINIMART_ENV', 'PAYLOAD_SECRET', 'DATABASE_URI', 'ADMIN_PASSWORD', 'SEED_DEMO',
  'CMS_URL', 'CMS_TIMEOUT_MS', 'SHOP_CURRENCY', 'SHOP_LOCALE', 'LOW_STOCK_THRESHOLD',
  'CMS_PUBLIC_URL', 'SHOP_URL', 'MEDIA_DIR', 'TOTP_REQUIRED_FOR_ADMINS', 'TRUST_PROXY',
  'AUTH_RATE_LIMIT', 'AUTH_RATE_LIMIT_WINDOW_SECONDS',
]

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
      }, 10_000)
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

export type CmsOptions = { databaseUri?: string; env?: Record<string, string> }
export type Cms = Server & { databaseUri: string }

/**
 * The built CMS (`next start cms`) on a fresh SQLite file unless told otherwise, with its own
 * media folder, its public URL set to where it listens (the only origin its login cookie
 * accepts), and a login rate limit high enough for suites that log in often (tests of the limit
 * set their own).
 */
export async function startCms({ databaseUri = temporarySqliteUri(), env = {} }: CmsOptions = {}): Promise<Cms> {
  const port = await freePort()
  const server = await startServer({
    command: [path.join(root, 'node_modules/next/dist/bin/next'), 'start', 'cms', '--port', String(port)],
    env: {
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URI: databaseUri,
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      SEED_DEMO: 'false',
      CMS_PUBLIC_URL: `http://127.0.0.1:${port}`,
      MEDIA_DIR: mkdtempSync(path.join(os.tmpdir(), 'minimart-media-')),
      AUTH_RATE_LIMIT: '1000',
      ...env,
    },
    port,
    readyPath: '/api/users/me',
  })
  return { ...server, databaseUri }
}

/**
 * Starts the CMS with a configuration it must refuse; resolves with its exit code and output
 * once it has exited (or fails the test if it serves requests instead).
 */
export async function startCmsExpectingRefusal(options: CmsOptions): Promise<{ code: number | null; output: string }> {
  try {
    const cms = await startCms(options)
    await cms.stop()
    throw new Error(`The CMS started although it should have refused:\n${cms.output()}`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const match = /exited with (\S+) before it was ready:\n([\s\S]*)$/.exec(message)
    if (!match) throw error
    return { code: match[1] === 'null' ? null : Number(match[1]), output: match[2] }
  }
}

/** The built storefront (Astro's standalone Node server) reading the given CMS. */
export async function startStorefront(cmsUrl: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  return startServer({
    command: [path.join(root, 'storefront/dist/server/entry.mjs')],
    env: { CMS_URL: cmsUrl, HOST: '127.0.0.1', PORT: String(port), ...env },
    port,
    readyPath: '/favicon.svg',
  })
}
