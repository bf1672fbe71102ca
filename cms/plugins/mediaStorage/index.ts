import { s3Storage } from '@payloadcms/storage-s3'
import type { Plugin } from 'payload'

import { cmsConfig, type S3Settings } from '../../config'
import { MEDIA } from '../../slugs'

/**
 * Where the media collection keeps its files. With the S3 settings (cmsConfig.s3), Payload's
 * official adapter stores each original and every sharp size as objects in the bucket, deletes
 * them with the document, and streams them back through Payload's file route
 * (/api/media/file/<name>); without them, the plugin is off and files stay in MEDIA_DIR.
 *
 * Served through the CMS rather than from the bucket's own address: image URLs stay the same in
 * both modes (the shop, its CSP and existing links need no change), the bucket stays private
 * (no public-read policy, no CORS), and the media collection's read access still applies. The
 * cost is that image bytes pass through a CMS replica; a CDN in front of /api/media/file caches them.
 *
 * `alwaysInsertFields` and `prefix`: the plugin adds its `prefix` and `_objectKey` fields to media
 * whether it is on or off, so the database schema (and the SQLite migrations) is the same in both
 * modes.
 */
export function mediaStorage(s3: S3Settings | undefined = cmsConfig.s3): Plugin {
  return s3Storage({
    enabled: Boolean(s3),
    alwaysInsertFields: true,
    // prefix '': objects at the bucket's top level, named like the files (kaya-jar-480x360.webp).
    // Given, so the plugin adds its `prefix` field when on as well as when off.
    collections: { [MEDIA]: { prefix: '' } },
    bucket: s3?.bucket ?? '',
    config: {
      region: s3?.region,
      endpoint: s3?.endpoint,
      forcePathStyle: s3?.forcePathStyle,
      credentials: s3 ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
    },
  })
}
