/** Vitest global setup of the "mongodb" project: one single-node replica set for the leg. */
import type { TestProject } from 'vitest/node'

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.TEST_MONGODB_URI) {
    project.provide('mongoUri', process.env.TEST_MONGODB_URI)
    return
  }
  const { MongoMemoryReplSet } = await import('mongodb-memory-server')
  // A replica set, as in production, so Payload's transactions are exercised; on WiredTiger, the
  // storage engine of a real mongod (the in-memory test engine has no transactions).
  const replSet = await MongoMemoryReplSet.create({ replSet: { count: 1, storageEngine: 'wiredTiger' } })
  project.provide('mongoUri', replSet.getUri())
  return async () => {
    await replSet.stop()
  }
}
