import { convertMarkdownToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import type { Payload } from 'payload'

import type { CmsConfig } from '../config'
import { TRYOUT_ADMIN_PASSWORD } from '../config'
import { purgeStorefront, WITHOUT_PURGE } from '../hooks/revalidateStorefront'
import { CATEGORIES, ITEMS, USERS } from '../slugs'
import { demoAisles, demoItems } from './demoItems'

export const ADMIN_USERNAME = 'unclepat'

/**
 * First-start data. Runs on every start but only ever adds: the admin account when no account
 * exists yet, and (in local mode) the demo catalogue alongside it. Existing data is never touched,
 * so a changed ADMIN_PASSWORD does not reset the password Uncle Pat set in the admin panel.
 */
export async function seed(payload: Payload, env: CmsConfig): Promise<void> {
  const { totalDocs: accounts } = await payload.count({ collection: USERS, overrideAccess: true })
  if (accounts > 0) return

  await payload.create({
    collection: USERS,
    overrideAccess: true,
    data: {
      username: ADMIN_USERNAME,
      name: 'Uncle Pat',
      password: adminPassword(payload, env),
      roles: ['admin'],
    },
  })
  payload.logger.info(`Seed: created the admin account "${ADMIN_USERNAME}".`)

  if (env.MINIMART_ENV === 'local' && env.SEED_DEMO === 'true') {
    await seedDemoItems(payload)
  }
}

function adminPassword(payload: Payload, env: CmsConfig): string {
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD
  // readCmsConfig already refused this case in production; local mode falls back loudly.
  payload.logger.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!! ADMIN_PASSWORD is not set: "${ADMIN_USERNAME}" gets the documented TRY-OUT password.`,
      '!! Anyone who has read the README can log in. Change it in the admin panel',
      '!! (Account → Change password) before this shop faces the internet.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    ].join('\n'),
  )
  return TRYOUT_ADMIN_PASSWORD
}

async function seedDemoItems(payload: Payload): Promise<void> {
  const editorConfig = await editorConfigFactory.default({ config: payload.config })
  // The aisles first, so each demo item can be put in its aisles.
  const aisleIds = new Map<string, number>()
  for (const aisle of demoAisles) {
    const { id } = await payload.create({ collection: CATEGORIES, overrideAccess: true, context: WITHOUT_PURGE, data: { ...aisle } })
    aisleIds.set(aisle.slug, id)
  }
  for (const { aisles, ...item } of demoItems) {
    await payload.create({
      collection: ITEMS,
      overrideAccess: true,
      // One purge for the whole catalogue below, not one per demo item.
      context: WITHOUT_PURGE,
      data: {
        ...item,
        categories: aisles.map((slug) => aisleIds.get(slug)!),
        slug: '', // generated from the name
        _status: 'published',
        description: convertMarkdownToLexical({ editorConfig, markdown: item.description }),
      },
    })
  }
  await purgeStorefront({ payload }, ITEMS)
  payload.logger.info(`Seed: added ${demoItems.length} demo items in ${demoAisles.length} aisles (SEED_DEMO=false skips this).`)
}
