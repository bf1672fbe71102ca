import type { AfterErrorHook } from 'payload'

import { clientIp } from '../../../security/clientIp'
import { accountName, LOGIN_FAILED_MESSAGE, LOGIN_FAILED_STATUS, recordFailure } from '../../../security/loginThrottle'

/** Payload's errors for a login that failed on the username or password, and ours. */
const WRONG = new Set(['AuthenticationError', 'LockedAuth'])
const REFUSED = 'LoginRefused'

/**
 * Config afterError (REST and GraphQL), after auditFailedLogin: counts a wrong username or
 * password against the account and the address (cms/security/loginThrottle.ts), and gives every
 * failed login one answer. Payload's own differ: "username or password" for an unknown name,
 * "email or password" for a wrong password, and a "locked" message.
 */
export const answerFailedLoginsAlike: AfterErrorHook = async ({ error, graphqlResult, req }) => {
  const attempt = req.context?.loginAttempt as undefined | { username: string }
  if (!attempt) return
  const name = ((error as Error & { originalError?: Error }).originalError ?? error)?.name ?? ''
  if (!WRONG.has(name) && name !== REFUSED) return
  const ip = clientIp(req)
  if (WRONG.has(name) && ip) await recordFailure(req, accountName(attempt.username), ip)
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        message: LOGIN_FAILED_MESSAGE,
        extensions: { ...graphqlResult.extensions, name: 'AuthenticationError', data: undefined, statusCode: LOGIN_FAILED_STATUS },
      },
    }
  }
  return { response: { errors: [{ message: LOGIN_FAILED_MESSAGE }] }, status: LOGIN_FAILED_STATUS }
}
