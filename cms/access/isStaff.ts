import type { Access } from 'payload'

import { signedInStaff } from './signedInStaff'

/** Any signed-in member of staff (admin or staff role); never an API key. */
export const isStaff: Access = ({ req }) => Boolean(signedInStaff(req))
