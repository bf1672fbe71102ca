import type { BaseDatabaseAdapter, DatabaseAdapterObj, Where } from 'payload'

/**
 * Each due job runs once, however many CMS replicas look for due jobs at the same moment.
 *
 * Payload's runner claims due jobs with `db.updateJobs({ where: <due and not processing>, data:
 * { processing: true } })` and runs what that returns. How atomic that claim is depends on the
 * adapter (read in Payload 3.90's source):
 * - SQLite (@payloadcms/drizzle): the select and the update run in one transaction, which this
 *   project begins IMMEDIATE (cms/database/index.ts): the second replica's claim waits for the
 *   first's commit, then finds the job processing. Atomic; nothing to add.
 * - MongoDB (@payloadcms/db-mongodb): `find` the due jobs' ids, then `updateMany({ _id: { $in } })`
 *   without the due condition and outside any transaction: two replicas that look at the same
 *   moment both find the job, both mark it processing, and both run it (a scheduled publish
 *   would publish twice: two versions, two audit entries).
 *
 * So on MongoDB a claim becomes a compare-and-set per job: `findOneAndUpdate` of that job *while it
 * still matches the due condition*, which MongoDB applies atomically to one document; a replica
 * that loses the race gets null and leaves the job alone. Hand-written because no Payload option
 * makes the claim conditional (tests/int/scheduled-publish.int.spec.ts runs two CMS processes on
 * one database and counts the publishes).
 */
export function withJobsClaimedOnce(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const updateJobs = db.updateJobs
      db.updateJobs = async function (this: BaseDatabaseAdapter, options) {
        const { id, data, limit, req, returning, sort, where } = options as typeof options & { id?: number | string; where?: Where }
        // Only the runner's claim (by condition) is changed; updates of one job by id are not claims.
        if (id !== undefined || !where || data?.processing !== true) return updateJobs.call(this, options)
        const { docs: candidates } = await this.find({
          collection: 'payload-jobs',
          where,
          sort: sort as string | string[] | undefined,
          limit: limit ?? 10,
          pagination: false,
          select: { id: true },
          req,
        })
        const claimed: Awaited<ReturnType<typeof updateJobs>> & object = []
        for (const candidate of candidates) {
          const job = await this.updateOne({
            collection: 'payload-jobs',
            where: { and: [{ id: { equals: candidate.id } }, where] },
            data: { ...data },
            req,
          })
          if (job) claimed.push(job as (typeof claimed)[number])
        }
        return returning === false ? null : claimed
      } as typeof updateJobs
      return db
    },
  }
}
