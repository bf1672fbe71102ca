/** Collection slugs, named once so code never repeats the strings. */
export const ITEMS = 'items'
export const MEDIA = 'media'
export const USERS = 'users'
export const API_CLIENTS = 'api-clients'
export const AUDIT_LOG = 'audit-log'
/** Added by @payloadcms/plugin-import-export: the uploaded import files and the exports. */
export const IMPORTS = 'imports'
export const EXPORTS = 'exports'
/** Failed-login and rate-limit counters, shared by every CMS process on the database (internal). */
export const ATTEMPT_COUNTERS = 'attempt-counters'
