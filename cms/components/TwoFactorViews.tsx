import { TOTPSetup, TOTPVerify } from 'payload-totp/rsc'

import { safeBack } from '../security/safeBack'

type Props = Parameters<typeof TOTPVerify>[0]

/** The plugin's view, given only a `back` on this site (its form passes `back` to location.replace). */
const withSafeBack = (View: typeof TOTPVerify) =>
  function TwoFactorView(props: Props) {
    const adminRoute = props.initPageResult.req.payload.config.routes.admin
    return <View {...props} searchParams={{ ...props.searchParams, back: safeBack(props.searchParams?.back, adminRoute) }} />
  }

/** payload-totp's set-up page (/admin/setup-totp). */
export const SetupTwoFactor = withSafeBack(TOTPSetup)
/** payload-totp's code page (/admin/verify-totp), the second step of a login. */
export const VerifyTwoFactor = withSafeBack(TOTPVerify)
