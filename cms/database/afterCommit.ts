import type { DatabaseAdapter, PayloadRequest } from 'payload'

type Task = () => Promise<void>
type TransactionID = number | string

/** Per open transaction: its tasks by name (a bulk edit of 50 items purges the shop once). */
const waiting = new Map<TransactionID, Map<string, Task>>()

/**
 * Runs `task` once the request's database transaction has committed, or at once when the request
 * has none; a rolled-back transaction drops its tasks. For side effects outside the database
 * (telling the shop to refetch) that must neither see uncommitted data nor hold the write lock
 * while they wait on the network. Payload's hooks run inside the transaction and it has no
 * after-commit hook, hence this (installed by `runTasksAfterCommit`).
 */
export async function afterCommit(req: PayloadRequest, name: string, task: Task): Promise<void> {
  const id = await req.transactionID
  if (id === undefined || !waiting.has(id)) return task()
  waiting.get(id)!.set(name, task)
}

/** Wraps the adapter's transaction calls so that `afterCommit` knows which transactions are open. */
export function runTasksAfterCommit(db: DatabaseAdapter): void {
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
    for (const task of tasks?.values() ?? []) {
      // The change is committed: a failing side effect is logged, never reported as a failed save.
      await task().catch((error: unknown) => db.payload.logger.error({ err: error }, 'A task after a commit failed.'))
    }
  }
  db.rollbackTransaction = async (transactionID) => {
    const id = await transactionID
    waiting.delete(id)
    await rollbackTransaction.call(db, id)
  }
}
