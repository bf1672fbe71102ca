/**
 * The two-factor rule for admins, in one place for the API (signedInStaff), the admin's server
 * layout (RequireTwoFactor) and its browser half (RequireTwoFactorClient). Pure: no server imports,
 * so the client component can use it too.
 */
type Account = { hasTotp?: boolean | null; roles?: null | string[] } | null | undefined

export const hasAdminRole = (user: Account): boolean => Boolean(user?.roles?.includes('admin'))

/** With TOTP_REQUIRED_FOR_ADMINS (`required`), an admin without two-factor must set it up before anything else. */
export const adminNeedsTwoFactor = (user: Account, required: boolean): boolean => required && hasAdminRole(user) && !user?.hasTotp
