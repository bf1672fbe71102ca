import type { AfterErrorHook, CollectionAfterLoginHook } from 'payload'
import { writeAuditEntry } from '../../../audit'
import { USERS } from '../../../slugs'

/** Users afterLogin: runs inside the login's transaction, so no login succeeds unrecorded. */
export const auditLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  await writeAuditEntry(req, {
    action: 'login',
    collectionSlug: USERS,
    documentId: String(user.id),
    summary: `${String(user.username)} logged in`,
  })
}

/** Login failures reported with these errors; others (missing fields, 429) are not attempts. */
const FAILURES: Record<string, string> = {
  AuthenticationError: 'wrong username or password',
  // cms/collections/Users/hooks/throttleLogin.ts: the password was not even checked.
  LoginRefused: 'refused: too many wrong passwords for this account from this address',
}

/**
 * Config afterError: records failed logins (REST and GraphQL). rateLimitAuthOperations noted the
 * name that was tried. The login has failed anyway, so a failure to write the entry is logged
 * loudly rather than turning the 401 into a 500.
 */
export const auditFailedLogin: AfterErrorHook = async ({ error, req }) => {
  const attempt = req.context?.loginAttempt as undefined | { username: string }
  if (!attempt) return
  const original = (error as Error & { originalError?: Error }).originalError ?? error
  const reason = FAILURES[original?.name ?? '']
  if (!reason) return
  const tried = attempt.username.slice(0, 100) || '(no username)'
  try {
    await writeAuditEntry(req, {
      action: 'login-failed',
      actor: tried,
      actorType: 'anonymous',
      collectionSlug: USERS,
      detail: reason,
      summary: `Failed login as "${tried}": ${reason}`,
    })
  } catch (auditError) {
    req.payload.logger.error({ err: auditError, msg: `Could not write the audit entry for a failed login as "${tried}".` })
  }
}
