/**
 * How every browser of the tests and the bench is launched: Debian's Chromium (never a
 * downloaded one), headless, with nothing that talks to the network on its own.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}
