import { seoPlugin } from '@payloadcms/plugin-seo'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import type { Field, Plugin } from 'payload'

import { summaryOf } from '../../../shared/search.ts'
import { cmsConfig } from '../../config'
import { trimText } from '../../hooks/trimText'
import { ITEMS, MEDIA } from '../../slugs'

/** Hard limits (search engines show about 60 and 155 characters; the plugin's meter says so). */
export const META_TITLE_MAX_LENGTH = 120
export const META_DESCRIPTION_MAX_LENGTH = 320
/** What "Auto-generate" puts in the description: the start of the item's description. */
const GENERATED_DESCRIPTION_LENGTH = 155

const limits: Record<string, number> = { title: META_TITLE_MAX_LENGTH, description: META_DESCRIPTION_MAX_LENGTH }

/** The plugin's fields, with hard length limits (a clear 400 instead of any length) and trimmed text. */
const withLimits = ({ defaultFields }: { defaultFields: Field[] }): Field[] =>
  defaultFields.map((field) => {
    if ('name' in field && field.name === 'image' && field.type === 'upload') {
      return { ...field, admin: { ...field.admin, description: "For search results and shared links. Empty: the item's photo." } } as Field
    }
    if (!('name' in field) || !(field.name in limits) || (field.type !== 'text' && field.type !== 'textarea')) return field
    return {
      ...field,
      maxLength: limits[field.name],
      // No locales in this shop: Payload would ignore it, but the generated types stay plain.
      localized: false,
      hooks: { ...field.hooks, beforeValidate: [...(field.hooks?.beforeValidate ?? []), trimText] },
      admin: {
        ...field.admin,
        description:
          field.name === 'title'
            ? `Shown by search engines and in the browser tab. Empty: the item's name. At most ${META_TITLE_MAX_LENGTH} characters.`
            : `Shown under the title in search results. Empty: the start of the description. At most ${META_DESCRIPTION_MAX_LENGTH} characters.`,
      },
    } as Field
  })

const plainText = (description: unknown): string =>
  description && typeof description === 'object' ? convertLexicalToPlaintext({ data: description as SerializedEditorState }) : ''

/**
 * Search-engine and social-media fields per item (the `meta` group: title, description, image) in
 * an "SEO" tab, from Payload's own SEO plugin. Empty fields fall back, on the shop
 * (storefront/src/lib/seo.ts), to the item's name, the start of its description and its photo;
 * "Auto-generate" fills in those same defaults for editing.
 */
export function seo(): Plugin {
  return seoPlugin({
    collections: [ITEMS],
    uploadsCollection: MEDIA,
    tabbedUI: true,
    fields: withLimits,
    generateTitle: ({ doc }) => String(doc?.name ?? ''),
    generateDescription: ({ doc }) => summaryOf(plainText(doc?.description), GENERATED_DESCRIPTION_LENGTH),
    generateImage: ({ doc }) => {
      const image = doc?.image
      return image && typeof image === 'object' ? image.id : image
    },
    generateURL: ({ doc }) => `${cmsConfig.SHOP_URL ?? cmsConfig.STOREFRONT_URL}/items/${doc?.slug ?? ''}`,
  })
}
