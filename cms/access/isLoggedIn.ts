import type { Access } from 'payload'

/** Any signed-in member of staff (admin or staff role). */
export const isLoggedIn: Access = ({ req: { user } }) => Boolean(user)
