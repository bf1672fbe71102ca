/** Vitest global setup of the "mongodb" project: one single-node replica set for the leg. */
import type { TestProject } from 'vitest/node'

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.TEST_MONGODB_URI) {
    project.provide('mongoUri', process.env.TEST_MONGODB_URI)
    return
  }
  const { MongoMemoryReplSet } = await import('mongodb-memory-server')
  // A replica set, as in production, so Payload's transactions are exercised.
  const replSet = await MongoMemoryReplSet.create({ replSet: { count: 1 } })
  project.provide('mongoUri', replSet.getUri())
  return async () => {
    await replSet.stop()
  }
}
