import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { isStaff } from '../access/isStaff'
import { auditChange, auditDelete } from '../audit'
import { cmsConfig } from '../config'
import { trimText } from '../hooks/trimText'
import { MEDIA } from '../slugs'
import { missingFileIsNotFound } from '../uploads/missingFileIsNotFound'

/** The largest image Uncle Pat may upload (checked while the upload streams in). */
export const MEDIA_MAX_BYTES = 5 * 1024 * 1024
const MEDIA_DIR = cmsConfig.MEDIA_DIR
export const MEDIA_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']

/**
 * Item photos. sharp makes the sizes the shop shows (WebP): `thumbnail` for lists and the admin,
 * `card` for catalogue cards, `large` for the item page. SVG is not accepted (it can carry script).
 */
export const Media: CollectionConfig = {
  slug: MEDIA,
  labels: { singular: 'Image', plural: 'Images' },
  admin: {
    useAsTitle: 'alt',
    defaultColumns: ['filename', 'alt', 'filesize', 'updatedAt'],
    description: `Photos of items: JPEG, PNG, WebP, AVIF or GIF, at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`,
  },
  access: {
    read: anyone,
    create: isStaff,
    update: isStaff,
    delete: isStaff,
  },
  hooks: {
    afterChange: [auditChange],
    afterDelete: [auditDelete],
  },
  upload: {
    staticDir: MEDIA_DIR,
    // On disk, a missing file is a 404 (below); in S3 (plugins/mediaStorage) the adapter's own handler says 404.
    handlers: cmsConfig.s3 ? [] : [missingFileIsNotFound(MEDIA_DIR)],
    mimeTypes: MEDIA_MIME_TYPES,
    adminThumbnail: 'thumbnail',
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', width: 160, height: 160, position: 'centre', formatOptions: { format: 'webp' } },
      { name: 'card', width: 480, height: 360, position: 'centre', formatOptions: { format: 'webp' } },
      { name: 'large', width: 1200, withoutEnlargement: true, formatOptions: { format: 'webp' } },
    ],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      label: 'Description for screen readers',
      required: true,
      maxLength: 200,
      hooks: { beforeValidate: [trimText] },
      validate: (value: null | string | undefined) => {
        if (typeof value !== 'string' || value.trim().length === 0) {
          return 'Describe the picture in a few words (alt text), e.g. "Jar of kaya spread".'
        }
        return value.length <= 200 || 'The description must be at most 200 characters.'
      },
      admin: { description: 'What the photo shows, for shoppers who cannot see it.' },
    },
  ],
}
