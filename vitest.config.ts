import { defineConfig } from 'vitest/config'

import { findMongo } from './tests/helpers/mongodb.ts'

/** Pure logic, beside its module (`*.test.ts`): no servers, no build; runs first. */
const unit = {
  name: 'unit',
  include: ['cms/**/*.test.ts', 'shared/**/*.test.ts', 'storefront/src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/bench/**/*.test.ts'],
}

const integration = {
  include: ['tests/int/**/*.int.spec.ts'],
  globalSetup: ['tests/helpers/build-setup.ts'],
  // Each test file starts real servers; give them time on a busy 2-core machine.
  testTimeout: 60_000,
  hookTimeout: 180_000,
}

// The same integration suite runs on SQLite always, and on MongoDB wherever one can be had.
const mongo = await findMongo()
if (mongo.available) {
  console.log(`[minimart] MongoDB leg: running on ${mongo.source}.`)
} else {
  console.log(
    `[minimart] MongoDB leg SKIPPED: no mongod could be had (${mongo.reason}). ` +
      'Set TEST_MONGODB_URI=mongodb://… to run the integration suite on MongoDB.',
  )
}

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: unit },
      { test: { ...integration, name: 'sqlite' } },
      ...(mongo.available
        ? [
            {
              test: {
                ...integration,
                name: 'mongodb',
                globalSetup: [...integration.globalSetup, 'tests/helpers/mongodb-setup.ts'],
                // Which server the leg faces, for knownDifference() in tests/helpers/database.ts.
                provide: { mongoServerKind: mongo.kind },
              },
            },
          ]
        : []),
    ],
  },
})
