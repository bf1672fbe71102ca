import type { CollectionAfterOperationHook, DatabaseAdapter, PayloadRequest } from 'payload'

type Task = () => Promise<void>
type TransactionID = number | string

/** Per open transaction: its tasks by name (a bulk edit of 50 items purges the shop once). */
const waiting = new Map<TransactionID, Map<string, Task>>()

/**
 * Per request without a transaction (MongoDB that is not a replica set), per collection: its
 * tasks by name, run when that collection's write operation ends. Each write is committed on its
 * own there, so the end of the operation (all 50 items of a bulk edit written) is the commit.
 */
const untilOperationEnds = new WeakMap<PayloadRequest, Map<string, Map<string, Task>>>()

const WRITE_OPERATIONS = new Set(['create', 'delete', 'deleteByID', 'restoreVersion', 'update', 'updateByID'])

/**
 * Runs `task` once the request's database transaction has committed (or, without transactions,
 * once the write operation on `collection` has ended); a rolled-back transaction drops its tasks.
 * For side effects outside the database (telling the shop to refetch) that must neither see
 * uncommitted data nor hold the write lock while they wait on the network. Payload's hooks run
 * inside the transaction and it has no after-commit hook, hence this (installed by
 * `runTasksAfterCommit`).
 */
export async function afterCommit(req: PayloadRequest, collection: string, name: string, task: Task): Promise<void> {
  const id = await req.transactionID
  if (id !== undefined && id !== null && waiting.has(id)) {
    waiting.get(id)!.set(name, task)
    return
  }
  if (id === undefined || id === null) {
    const byCollection = untilOperationEnds.get(req) ?? new Map<string, Map<string, Task>>()
    untilOperationEnds.set(req, byCollection)
    const tasks = byCollection.get(collection) ?? new Map<string, Task>()
    byCollection.set(collection, tasks)
    tasks.set(name, task)
    return
  }
  return task()
}

async function runAll(db: DatabaseAdapter, tasks: Iterable<Task>): Promise<void> {
  for (const task of tasks) {
    // The change is committed: a failing side effect is logged, never reported as a failed save.
    await task().catch((error: unknown) => db.payload.logger.error({ err: error }, 'A task after a commit failed.'))
  }
}

/**
 * Wraps the adapter's transaction calls so that `afterCommit` knows which transactions are open,
 * and gives every collection an afterOperation hook that runs the tasks of a write made without
 * a transaction.
 */
export function runTasksAfterCommit(db: DatabaseAdapter): void {
  const runWithoutTransaction: CollectionAfterOperationHook = async ({ collection, operation, req, result }) => {
    if (!WRITE_OPERATIONS.has(operation)) return result
    const tasks = untilOperationEnds.get(req)?.get(collection.slug)
    untilOperationEnds.get(req)?.delete(collection.slug)
    if (tasks) await runAll(db, tasks.values())
    return result
  }
  for (const { config } of Object.values(db.payload.collections)) {
    config.hooks.afterOperation = [...(config.hooks.afterOperation ?? []), runWithoutTransaction]
  }

  const { beginTransaction, commitTransaction, rollbackTransaction } = db
  if (typeof beginTransaction !== 'function') return
  db.beginTransaction = async (options) => {
    const id = await beginTransaction.call(db, options)
    if (id !== null) waiting.set(id, new Map())
    return id
  }
  db.commitTransaction = async (transactionID) => {
    const id = await transactionID
    await commitTransaction.call(db, id)
    const tasks = waiting.get(id)
    waiting.delete(id)
    await runAll(db, tasks?.values() ?? [])
  }
  db.rollbackTransaction = async (transactionID) => {
    const id = await transactionID
    waiting.delete(id)
    await rollbackTransaction.call(db, id)
  }
}
