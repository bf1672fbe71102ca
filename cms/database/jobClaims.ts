import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import type { BaseDatabaseAdapter, DatabaseAdapterObj, Where } from 'payload'

/** Where MongoDB keeps one record per claimed job attempt (see below). */
export const JOB_CLAIMS_COLLECTION = 'minimart-job-claims'

/** Claims older than this are forgotten: a job attempt is over long before. */
const FORGET_CLAIMS_AFTER_MS = 30 * 24 * 3600 * 1000

/**
 * Each due job runs once, however many CMS replicas look for due jobs at the same moment.
 *
 * Payload's runner claims due jobs with `db.updateJobs({ where: <due and not processing>, data:
 * { processing: true } })` and runs what that returns. How atomic that claim is depends on the
 * adapter (read in Payload 3.90's source, and measured):
 * - SQLite (@payloadcms/drizzle): the select and the update run in one transaction, which this
 *   project begins IMMEDIATE (cms/database/index.ts): a second replica's claim waits for the
 *   first's commit, then finds the job processing. Atomic; nothing to add.
 * - MongoDB (@payloadcms/db-mongodb): `find` the due jobs' ids, then `updateMany({ _id: { $in } })`
 *   without the due condition, outside any transaction: two replicas that look at the same moment
 *   both find a job, both mark it processing, and both run it (a scheduled publish published
 *   twice: two versions, two audit entries; seen with two CMS processes on FerretDB). A
 *   conditional findOneAndUpdate would be enough on a real MongoDB, but not on FerretDB 1.x,
 *   which ran 47 of 50 such races twice (its findAndModify reads, then writes).
 *
 * So on MongoDB a replica claims a job attempt by inserting `{ _id: "<job id>:<attempt>" }` into
 * JOB_CLAIMS_COLLECTION: `_id` is unique on every MongoDB-speaking server, so exactly one insert
 * succeeds and the others get a duplicate-key error and leave the job alone. The attempt number
 * (the job's totalTried) lets a failed job that Payload retries be claimed again. Hand-written
 * because no Payload option makes the claim exclusive (tests/int/scheduled-publish.int.spec.ts
 * runs two CMS processes on one database and counts the publishes).
 */
export function withJobsClaimedOnce(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const updateJobs = db.updateJobs
      db.updateJobs = async function (this: BaseDatabaseAdapter, options) {
        const { id, data, limit, req, returning, sort, where } = options as typeof options & { id?: number | string; where?: Where }
        // Only the runner's claim (by condition) changes; updates of one job by id are not claims.
        if (id !== undefined || !where || data?.processing !== true) return updateJobs.call(this, options)
        const claims = (this as unknown as MongooseAdapter).connection.collection<{ _id: string; claimedAt: Date }>(JOB_CLAIMS_COLLECTION)
        const { docs: candidates } = await this.find({
          collection: 'payload-jobs',
          where,
          sort: sort as string | string[] | undefined,
          limit: limit ?? 10,
          pagination: false,
          select: { id: true, totalTried: true },
          req,
        })
        const claimed: NonNullable<Awaited<ReturnType<typeof updateJobs>>> = []
        for (const candidate of candidates as Array<{ id: number | string; totalTried?: null | number }>) {
          try {
            await claims.insertOne({ _id: `${candidate.id}:${candidate.totalTried ?? 0}`, claimedAt: new Date() })
          } catch (error) {
            if ((error as { code?: number }).code === 11000) continue // another replica has it
            throw error
          }
          const [job] = (await updateJobs.call(this, { id: candidate.id, data: { ...data }, req, returning: true })) ?? []
          if (job) claimed.push(job)
        }
        if (claimed.length > 0) await claims.deleteMany({ claimedAt: { $lt: new Date(Date.now() - FORGET_CLAIMS_AFTER_MS) } })
        return returning === false ? null : claimed
      } as typeof updateJobs
      return db
    },
  }
}
