import type { Access } from 'payload'

/**
 * Closed to every API caller, admins included. The CMS itself still writes through the Local API
 * (which skips access control), e.g. the audit trail.
 */
export const nobody: Access = () => false
