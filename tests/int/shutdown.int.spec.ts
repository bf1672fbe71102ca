import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'

import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { APP_VARIABLES, freePort, root, startCms, startStorefront, TEST_ADMIN_PASSWORD } from '../helpers/servers'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A POST whose body arrives in two halves: between them the request is certainly in flight on
 * the server (headers read, body awaited), whatever the machine's speed.
 */
function slowPost(url: string, token: string, body: unknown) {
  const text = JSON.stringify(body)
  const half = Math.floor(text.length / 2)
  let finish: () => void = () => {}
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), authorization: `JWT ${token}` },
    })
    req.on('response', (res) => {
      let data = ''
      res.on('data', (chunk) => (data += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }))
    })
    req.on('error', reject)
    req.write(text.slice(0, half))
    finish = () => req.end(text.slice(half))
  })
  return { response, finish: () => finish() }
}

/** The error a brand-new connection gets (never a pooled keep-alive one), or 'connected'. */
const connectTo = (url: string) =>
  new Promise<string>((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume()
      resolve('connected')
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)))
    req.end()
  })

/** How a request ended: its status, or the network error code when it got no answer. */
const outcome = (promise: Promise<{ status: number }>) =>
  promise.then(
    (response) => ({ status: response.status, error: undefined as string | undefined }),
    (error) => ({ status: 0, error: String(error?.cause?.code ?? error?.code ?? error) }),
  )

describe('graceful shutdown', () => {
  it('CMS on SIGTERM: refuses new connections, finishes the writes in flight, closes the database, exits 0', async () => {
    const databaseUri = freshDatabaseUri()
    const cms = await startCms({ databaseUri })
    const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)

    const inFlight = slowPost(`${cms.url}/api/items`, token, { name: 'Written During Shutdown', price: 120, quantity: 3 })
    // More writes at the same time; they are either answered or refused, never cut off half-way.
    const load = Array.from({ length: 30 }, (_, n) =>
      outcome(rest(cms.url, 'items', { method: 'POST', token, body: { name: `Load Item ${n}`, price: 100 + n, quantity: 1 } })),
    )
    await sleep(500)
    process.kill(cms.process.pid!, 'SIGTERM')

    // While the write in flight is still open: new connections are refused (as soon as the busy
    // process gets to the signal; polled, not a fixed wait, on a loaded machine).
    await expect.poll(() => connectTo(`${cms.url}/api/health`), { timeout: 10_000, interval: 200 }).toBe('ECONNREFUSED')

    inFlight.finish()
    const written = await inFlight.response
    expect(written.status).toBe(201)
    expect(await cms.exited).toBe(0)
    const results = await Promise.all(load)
    for (const result of results) {
      // Refused or reset before the server read them; a cut-off write would show in the count below.
      expect(
        result.status === 201 || ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(result.error!),
        JSON.stringify(result),
      ).toBe(true)
    }
    expect(cms.output()).toMatch(/stopping: no new connections/)
    expect(cms.output()).toMatch(/database closed/)
    expect(cms.output()).toMatch(/stopped/)

    // Everything that was acknowledged is there after a restart.
    const again = await startCms({ databaseUri })
    try {
      const staff = await login(again.url, 'unclepat', TEST_ADMIN_PASSWORD)
      const names = (await rest(again.url, 'items?limit=100&depth=0', { token: staff })).body.docs.map((doc: any) => doc.name)
      expect(names).toContain('Written During Shutdown')
      expect(names.length).toBe(1 + results.filter((result) => result.status === 201).length)
    } finally {
      await again.stop()
    }
  })

  it.skipIf(databaseKind() === 'mongodb')('storefront on SIGTERM: finishes the page in flight, then exits 0', async () => {
    const cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } })
    const shop = await startStorefront(cms.url, { CMS_TIMEOUT_MS: '20000' })
    try {
      // The CMS is paused, so the page waits for it: a request certainly in flight.
      process.kill(cms.process.pid!, 'SIGSTOP')
      const page = fetch(`${shop.url}/`).then(async (response) => ({ status: response.status, html: await response.text() }))
      await sleep(500)
      process.kill(shop.process.pid!, 'SIGTERM')
      await sleep(500)
      expect(await connectTo(`${shop.url}/healthz`)).toBe('ECONNREFUSED')
      process.kill(cms.process.pid!, 'SIGCONT')

      const { status, html } = await page
      expect(status).toBe(200)
      expect(html).toContain('Kaya Spread 400 g')
      expect(await shop.exited).toBe(0)
      expect(shop.output()).toMatch(/stopped/)
    } finally {
      process.kill(cms.process.pid!, 'SIGCONT')
      await shop.stop()
      await cms.stop()
    }
  })

  it.skipIf(databaseKind() === 'mongodb')('`npm start`: Ctrl-C stops both apps and leaves no process behind', async () => {
    const [cmsPort, shopPort] = [await freePort(), await freePort()]
    const npm = spawn('npm', ['start'], {
      cwd: root,
      // Its own process group, as a terminal gives a foreground command; Ctrl-C signals the group.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...Object.fromEntries(APP_VARIABLES.map((name) => [name, ''])),
        PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        DATABASE_URI: freshDatabaseUri(),
        SEED_DEMO: 'false',
        CMS_PORT: String(cmsPort),
        CMS_URL: `http://127.0.0.1:${cmsPort}`,
        HOST: '127.0.0.1',
        PORT: String(shopPort),
      },
    })
    let output = ''
    npm.stdout.on('data', (chunk) => (output += chunk))
    npm.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      npm.once('exit', (code, signal) => resolve({ code, signal })),
    )
    const group = npm.pid!
    try {
      const ready = async () => {
        const answers = await Promise.all([
          outcome(fetch(`http://127.0.0.1:${cmsPort}/api/health`)),
          outcome(fetch(`http://127.0.0.1:${shopPort}/readyz`)),
        ])
        return answers.every((answer) => answer.status === 200)
      }
      const deadline = Date.now() + 120_000
      while (!(await ready())) {
        if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`npm start did not come up:\n${output}`)
        await sleep(300)
      }

      process.kill(-group, 'SIGINT')
      const { code, signal } = await exited
      // npm passes Ctrl-C on as shells expect (it ends by SIGINT, or 0).
      expect(code === 0 || signal === 'SIGINT', `${code} ${signal}\n${output}`).toBe(true)
      // Within moments no process of the group is left: not the CMS, the storefront or concurrently.
      const groupIsGone = () => {
        try {
          process.kill(-group, 0)
          return false
        } catch (error) {
          return (error as NodeJS.ErrnoException).code === 'ESRCH'
        }
      }
      const deadline2 = Date.now() + 15_000
      while (!groupIsGone() && Date.now() < deadline2) await sleep(100)
      expect(groupIsGone(), output).toBe(true)
      // Both stopped their own way: the CMS closed its database.
      expect(output.match(/stopped/g)?.length, output).toBe(2)
      expect(output).toMatch(/database closed/)
    } finally {
      try {
        process.kill(-group, 'SIGKILL')
      } catch {}
    }
  })
})
