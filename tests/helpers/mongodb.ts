/**
 * Finds a MongoDB for the integration suite's MongoDB leg: TEST_MONGODB_URI, or a mongod that
 * mongodb-memory-server has (cached or MONGOMS_SYSTEM_BINARY) or can download. Returns the reason
 * when there is none, so the suite can say in one line why the leg was skipped — quickly: a
 * download site that does not resolve is known in a moment, not after the downloader's retries.
 *
 * A server given by TEST_MONGODB_URI is asked what it is (buildInfo, hello), so the leg says which
 * server it ran on and the tests know whether they face FerretDB (see knownDifference).
 *
 * Run as a script (`node tests/helpers/mongodb.ts`), it prints the verdict and exits 0 when
 * mongodb-memory-server can supply a mongod here: `.ci/run` asks before building FerretDB.
 */
import { lookup } from 'node:dns/promises'

export type MongoServerKind = 'ferretdb' | 'mongodb'
export type MongoAvailability = { available: true; source: string; kind: MongoServerKind } | { available: false; reason: string }

const DEFAULT_DOWNLOAD_SITE = 'https://fastdl.mongodb.org'

export async function findMongo(): Promise<MongoAvailability> {
  const uri = process.env.TEST_MONGODB_URI
  if (uri) return { available: true, ...(await describeServer(uri)) }
  try {
    const { DryMongoBinary, MongoBinary } = await import('mongodb-memory-server')
    const present = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions())
    if (present)
      return { available: true, kind: 'mongodb', source: `mongod from mongodb-memory-server (${present}), a single-node replica set` }

    const site = new URL(process.env.MONGOMS_DOWNLOAD_MIRROR || DEFAULT_DOWNLOAD_SITE).hostname
    try {
      await withTimeout(lookup(site), 5_000, `no answer about ${site} within 5 s`)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      return {
        available: false,
        reason: `none cached, and MongoDB's download site ${site} cannot be reached: ${code ?? (error as Error).message}`,
      }
    }
    const binary = await withTimeout(MongoBinary.getPath(), 60_000, 'no mongod binary after 60 s')
    return { available: true, kind: 'mongodb', source: `mongod from mongodb-memory-server (${binary}), a single-node replica set` }
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    return { available: false, reason }
  }
}

/**
 * What the server at `uri` says it is. An unreachable TEST_MONGODB_URI is an error, not a skip:
 * whoever set it asked for the leg. TEST_MONGODB_DESCRIPTION adds what the server cannot tell
 * about itself (FerretDB does not report its backend).
 */
async function describeServer(uri: string): Promise<{ source: string; kind: MongoServerKind }> {
  const { MongoClient } = await import('mongodb')
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 })
  const where = redact(uri)
  try {
    const admin = client.db('admin')
    const build = await admin.command({ buildInfo: 1 })
    const hello = await admin.command({ hello: 1 })
    const topology = hello.setName ? `replica set ${hello.setName}` : 'not a replica set: no transactions'
    const note = process.env.TEST_MONGODB_DESCRIPTION ? `, ${process.env.TEST_MONGODB_DESCRIPTION}` : ''
    // FerretDB answers buildInfo as MongoDB 7.0.42 and adds its own version.
    if (build.ferretdbVersion) {
      return {
        kind: 'ferretdb',
        source: `FerretDB ${String(build.ferretdbVersion).replace(/^v/, '')} (speaks MongoDB ${build.version}; ${topology}${note}) at ${where}`,
      }
    }
    return { kind: 'mongodb', source: `MongoDB ${build.version} (${topology}${note}) at ${where}` }
  } catch (error) {
    throw new Error(`TEST_MONGODB_URI is set, but ${where} does not answer: ${(error as Error).message}`)
  } finally {
    await client.close()
  }
}

/** The URI without its password, for the log. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref())])
}

if (import.meta.main) {
  const found = await findMongo()
  console.log(found.available ? `MongoDB: ${found.source}` : `no MongoDB: ${found.reason}`)
  process.exit(found.available ? 0 : 1)
}
