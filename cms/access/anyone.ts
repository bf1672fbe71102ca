import type { Access } from 'payload'

/** Open to everyone, signed in or not: the public catalogue. */
export const anyone: Access = () => true
