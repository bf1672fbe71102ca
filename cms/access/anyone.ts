import type { Access } from 'payload'

/** Public: e.g. item images, which the shop shows to everybody. */
export const anyone: Access = () => true
