/**
 * Vitest global setup: the tests start the built apps, so build them first when their sources
 * changed (a no-op check when `npm test` has just done it). Without this, a test that runs
 * `npm start` would rebuild under the feet of the other tests' servers.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/prepare.ts'), 'test'], { stdio: 'inherit' })
}
