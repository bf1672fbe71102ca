/**
 * Finds a MongoDB for the integration suite's MongoDB leg: TEST_MONGODB_URI, or a mongod that
 * mongodb-memory-server has (cached or MONGOMS_SYSTEM_BINARY) or can download. Returns the reason
 * when there is none, so the suite can say in one line why the leg was skipped — quickly: a
 * download site that does not resolve is known in a moment, not after the downloader's retries.
 */
import { lookup } from 'node:dns/promises'

export type MongoAvailability = { available: true; source: string } | { available: false; reason: string }

const DEFAULT_DOWNLOAD_SITE = 'https://fastdl.mongodb.org'

export async function findMongo(): Promise<MongoAvailability> {
  if (process.env.TEST_MONGODB_URI) return { available: true, source: 'TEST_MONGODB_URI' }
  try {
    const { DryMongoBinary, MongoBinary } = await import('mongodb-memory-server')
    const present = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions())
    if (present) return { available: true, source: `mongodb-memory-server (${present})` }

    const site = new URL(process.env.MONGOMS_DOWNLOAD_MIRROR || DEFAULT_DOWNLOAD_SITE).hostname
    try {
      await withTimeout(lookup(site), 5_000, `no answer about ${site} within 5 s`)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      return { available: false, reason: `none cached, and MongoDB's download site ${site} cannot be reached: ${code ?? (error as Error).message}` }
    }
    const binary = await withTimeout(MongoBinary.getPath(), 60_000, 'no mongod binary after 60 s')
    return { available: true, source: `mongodb-memory-server (${binary})` }
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    return { available: false, reason }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref()),
  ])
}
