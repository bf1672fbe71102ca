import type { CollectionBeforeOperationHook } from 'payload'

import { countAuthAttempt } from '../../../security/authRateLimit'

/**
 * Users beforeOperation: counts login and forgot-password attempts per client address, over REST
 * and GraphQL alike, and remembers the name tried at a login so a failure can be audited.
 */
export const rateLimitAuthOperations: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation === 'login') {
    const tried = (args.data as { username?: unknown } | undefined)?.username
    req.context.loginAttempt = { username: typeof tried === 'string' ? tried : '' }
    await countAuthAttempt(req, 'login')
  }
  if (operation === 'forgotPassword') await countAuthAttempt(req, 'forgot-password')
  return args
}
