import { pbkdf2 } from 'node:crypto'
import { promisify } from 'node:util'
import type { CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { clientIp } from '../../../security/clientIp'
import { accountName, LoginRefused, mustWait, recordSuccess } from '../../../security/loginThrottle'
import { USERS } from '../../../slugs'

/** Payload's password hash (pbkdf2-sha256-v1: 600 000 rounds, 32 bytes): the cost of checking one. */
const hashLikePayload = (password: string) => promisify(pbkdf2)(password, 'no-such-account', 600_000, 32, 'sha256')

/**
 * Users beforeOperation, after rateLimitAuthOperations: refuses a login from an address that
 * must wait for this account (cms/security/loginThrottle.ts), answered like a wrong password.
 * For a username that does not exist, spends the time a password check takes, so that the
 * answer's timing does not tell which usernames exist either.
 */
export const throttleLogin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const ip = clientIp(req)
  if (!ip) return args
  const data = args.data as { password?: unknown; username?: unknown } | undefined
  const username = accountName(data?.username)
  if (!username || typeof data?.password !== 'string') return args
  if (await mustWait(req, username, ip)) {
    ;(req.context.loginAttempt as { refused?: boolean }).refused = true
    throw new LoginRefused()
  }
  const account = await req.payload.db.findOne({ collection: USERS, req, select: { id: true }, where: { username: { equals: username } } })
  if (!account) await hashLikePayload(data.password)
  return args
}

/** Users afterLogin: the owner got in from this address, which need not wait any more. */
export const forgetLoginFailures: CollectionAfterLoginHook = async ({ req, user }) => {
  const ip = clientIp(req)
  if (ip) await recordSuccess(req, accountName(user.username), ip)
}
