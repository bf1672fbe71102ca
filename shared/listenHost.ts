/**
 * The address a server listens on when HOST / CMS_HOST is not set. A local try-out has an admin
 * password printed in the README, so it answers this machine only; production keeps listening on
 * every interface (docker publishes the port, a reverse proxy sits in front).
 *
 * `undefined` is Node's default: every interface, IPv6 included.
 */
export function listenHost(mode: 'local' | 'production', configured: string | undefined, productionDefault?: string): string | undefined {
  if (configured) return configured
  return mode === 'production' ? productionDefault : '127.0.0.1'
}
