import type { Plugin } from 'payload'

import { USERS } from '../slugs'
import { spreadsheets } from './importExport'
import { refuseUnfitInput } from './inputChecks'
import { mediaStorage } from './mediaStorage'
import { openApi } from './openApi'
import { seo } from './seo'
import { twoFactor } from './twoFactor'

/**
 * Our plugins and the order they run in, each in a folder of its own (index.ts registers it;
 * hooks/ and utilities beside it). Order matters: each plugin sees the collections the ones
 * before it added, so the input checks come after the spreadsheet collections and the storage fields exist, and the
 * two-factor plugin, which wraps every collection, comes last.
 */
export function plugins(): Plugin[] {
  return [
    // First: it moves the item's fields into a "Content" tab beside its "SEO" tab.
    seo(),
    ...spreadsheets(),
    ...openApi(),
    // Media files in an S3 bucket when S3_* is configured, else in MEDIA_DIR (its fields exist either way).
    mediaStorage(),
    refuseUnfitInput,
    // Last: it wraps every collection. Access stays ours (cms/access/signedInStaff.ts checks TOTP);
    // its endpoints act only for the caller's own staff account (plugins/twoFactor).
    twoFactor({ collection: USERS, disableAccessWrapper: true, totp: { issuer: 'Minimart' } }),
  ]
}
