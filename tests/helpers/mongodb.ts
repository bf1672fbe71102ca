/**
 * Finds a MongoDB for the integration suite's MongoDB leg: TEST_MONGODB_URI, or a mongod that
 * mongodb-memory-server can start (it downloads one on first use). Returns the reason when
 * there is none, so the suite can say in one line why the leg was skipped.
 */
export type MongoAvailability = { available: true; source: string } | { available: false; reason: string }

export async function findMongo(): Promise<MongoAvailability> {
  if (process.env.TEST_MONGODB_URI) return { available: true, source: 'TEST_MONGODB_URI' }
  try {
    const { MongoBinary } = await import('mongodb-memory-server')
    const binary = await Promise.race([
      MongoBinary.getPath(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no mongod binary after 60 s')), 60_000).unref(),
      ),
    ])
    return { available: true, source: `mongodb-memory-server (${binary})` }
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    return { available: false, reason }
  }
}
