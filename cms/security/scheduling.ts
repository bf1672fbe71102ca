import { getUpcomingScheduledPublishHandler, schedulePublishHandler } from '@payloadcms/ui/utilities/schedulePublishHandler'
import type { ServerFunction } from 'payload'
import { Forbidden } from 'payload'
import { signedInStaff } from '../access/signedInStaff'

/** Payload's handler, for signed-in staff only. */
const forStaff =
  <A extends object, R>(handler: ServerFunction<A, R>): ServerFunction<A, R> =>
  (args) => {
    if (!signedInStaff(args.req)) throw new Forbidden(args.req.t)
    return handler(args)
  }

/**
 * The admin's "Schedule" drawer (scheduled publish and unpublish) calls two of Payload's server
 * functions, which only ask whether the caller may open the admin panel: with our Users rule,
 * also an account that gave its password but still owes its two-factor code. The scheduled job
 * then publishes as that account. So both are narrowed to fully signed-in staff (signedInStaff),
 * like every other write; passed to handleServerFunctions in cms/app/(payload)/layout.tsx, where
 * they take the place of Payload's own under the same names.
 */
// biome-ignore lint/suspicious/noExplicitAny: the type handleServerFunctions asks for
export const staffOnlyServerFunctions: Record<string, ServerFunction<any, any>> = {
  'get-upcoming-scheduled-publish': forStaff(getUpcomingScheduledPublishHandler),
  'schedule-publish': forStaff(schedulePublishHandler),
}
