import type { CollectionConfig } from 'payload'

import { previewLinkPath } from '../../../shared/preview.ts'
import { SEARCH_TEXT_MAX_LENGTH, SUMMARY_MAX_LENGTH } from '../../../shared/search.ts'
import { isStaff } from '../../access/isStaff'
import { publishedOrStaff } from '../../access/publishedOrStaff'
import { auditChange, auditDelete } from '../../audit'
import { cmsConfig } from '../../config'
import { isMongoUri } from '../../database/urls'
import { itemPreviewDraft, itemPreviewLink } from '../../endpoints/itemPreview'
import { revalidateStorefrontAfterChange, revalidateStorefrontAfterDelete } from '../../hooks/revalidateStorefront'
import { trimText } from '../../hooks/trimText'
import { CATEGORIES, ITEMS, MEDIA } from '../../slugs'
import { adminSearch } from './adminSearch'
import { aislePages } from './hooks/aislePages'
import { deepPages } from './hooks/deepPages'
import { lowStockAlert } from './hooks/lowStockAlert'
import { normalizeSku } from './hooks/normalizeSku'
import { countResult, pageOrder } from './hooks/pageIds'
import { priceRangePages } from './hooks/priceRangePages'
import { shopperFields } from './hooks/shopperFields'
import { tieBreakSort } from './hooks/tieBreakSort'
import { searchItems } from './search/endpoint'
import { shopSlugField } from './slugField'
import { aislesAsSlugs } from './spreadsheetAisles'
import { NAME_MAX_LENGTH, SKU_MAX_LENGTH, validateName, validatePrice, validateQuantity, validateSku } from './validation'

/**
 * CSV import: keep a number cell as the spreadsheet wrote it, so "12abc" is refused by the field
 * rule instead of quietly becoming 12 (the import-export plugin's default parses it leniently).
 */
const strictNumberFromCsv = { 'plugin-import-export': { hooks: { beforeImport: ({ value }: { value: unknown }) => value } } }

/** The shop's currency, for the admin's price input and cell. */
const SHOP_MONEY = { currency: cmsConfig.SHOP_CURRENCY, locale: cmsConfig.SHOP_LOCALE }

/**
 * Aisle pages (`categories` in [an aisle] under the published filter, in each of the shop's sorts).
 * MongoDB keeps an item's aisles in the item itself (an array), so each sort gets an index with
 * the aisle after _status (a multikey index): the page is read in order from it. SQLite keeps
 * them in items_rels, which these cannot name (it would refuse them), so there each aisle's items
 * are kept in the shop's orders in a table of their own (aisleOrder.ts, hooks/aislePages.ts).
 */
const aisleIndexes: NonNullable<CollectionConfig['indexes']> = isMongoUri(cmsConfig.DATABASE_URI)
  ? [
      { fields: ['_status', 'categories', 'soldOut', 'name', 'createdAt'] },
      { fields: ['_status', 'categories', 'name', 'createdAt'] },
      { fields: ['_status', 'categories', 'price', 'createdAt'] },
      { fields: ['_status', 'categories', 'createdAt'] },
    ]
  : []

export const Items: CollectionConfig = {
  slug: ITEMS,
  labels: { singular: 'Item', plural: 'Items' },
  admin: {
    useAsTitle: 'name',
    // The inventory table: every column sorts; the search box finds names and SKUs.
    defaultColumns: ['name', 'sku', 'price', 'quantity', '_status', 'updatedAt'],
    listSearchableFields: ['name', 'sku'],
    description: 'Everything on sale in the shop. Tick items to edit or delete several at once.',
    components: {
      beforeListTable: [{ path: '/cms/components/LowStockLink#LowStockLink', clientProps: { placement: 'items' } }],
      // "Preview on the shop": the saved draft on the shop's real item page (cms/endpoints/itemPreview.ts).
      edit: { PreviewButton: '/cms/components/PreviewOnShop#PreviewOnShop' },
    },
    preview: (doc) => (doc?.id ? previewLinkPath(doc.id as number | string) : null),
  },
  // GET /api/items/search: typo-forgiving, ranked search for shoppers and API users.
  endpoints: [itemPreviewLink, itemPreviewDraft, searchItems],
  access: {
    read: publishedOrStaff,
    create: isStaff,
    update: isStaff,
    delete: isStaff,
    readVersions: isStaff,
  },
  defaultSort: 'name',
  // Anonymous readers (the shop, API users) always filter on _status = 'published' (see
  // publishedOrStaff), so every sort they can ask for has an index that leads with _status and
  // ends with the tie-breaker (hooks/tieBreakSort.ts): pages come straight from the index, never
  // from sorting every published row. Declared here so SQLite (migrations) and MongoDB (at start)
  // both build them; tests/int/query-plans.int.spec.ts checks SQLite's plans.
  //
  // Each also ends with the shop's filters (in stock, a price range) that its sort does not lead
  // with: SQLite then checks them in the index while walking it in order, and reads only the rows
  // of the page. Without them a typed price range shown by name made SQLite sort every item in
  // the range (160 ms at 100 000 items); with them it walks the name index (0.1–2 ms).
  indexes: [
    { fields: ['_status', 'soldOut', 'name', 'createdAt', 'price'] }, // the shop's default: in stock first
    { fields: ['_status', 'name', 'createdAt', 'soldOut', 'price'] }, // by name, the sitemap, the API's default sort
    { fields: ['_status', 'price', 'createdAt', 'soldOut'] }, // price, both ways (read in reverse)
    { fields: ['_status', 'quantity', 'createdAt'] }, // low stock first (README)
    { fields: ['_status', 'createdAt', 'soldOut', 'price'] }, // newest first
    ...aisleIndexes,
  ],
  hooks: {
    // Every sort ends with createdAt in the direction of its last key, so an index serves it.
    // The admin list's search by name and SKU: the items it finds, from a trigram index.
    // Aisle pages, deep pages and closed price ranges: a page read as its ids, found from an index.
    beforeOperation: [tieBreakSort, adminSearch, aislePages, deepPages, priceRangePages],
    afterOperation: [pageOrder, countResult],
    beforeChange: [shopperFields],
    // The audit entry is written in the same transaction as the change; then the shop, which
    // caches the catalogue, is told at once that what shoppers see has changed.
    // lowStockAlert: one message to staff when the quantity falls to LOW_STOCK_THRESHOLD.
    afterChange: [auditChange, revalidateStorefrontAfterChange, lowStockAlert],
    afterDelete: [auditDelete, revalidateStorefrontAfterDelete],
  },
  // Drafts: Uncle Pat prepares an item before it goes on sale; every save keeps a version.
  // Drafts are validated like published items, so nothing half-valid is ever stored.
  versions: {
    // schedulePublish: "goes on sale Monday 7 am" and "take off sale" at a set time, from the
    // Publish button's menu; Payload's jobs queue runs it (payload.config.ts: jobs).
    drafts: { validate: true, schedulePublish: true },
    maxPerDoc: 50,
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: NAME_MAX_LENGTH,
      index: true,
      validate: validateName,
      hooks: { beforeValidate: [trimText] },
    },
    shopSlugField("The item's web address on the shop: /items/<slug>. Generated from the name."),
    // Inventory fields: the shop's own product code and a photo.
    {
      name: 'sku',
      type: 'text',
      label: 'SKU',
      unique: true,
      index: true,
      maxLength: SKU_MAX_LENGTH,
      validate: validateSku,
      hooks: { beforeValidate: [normalizeSku] },
      admin: { description: 'Optional product code, e.g. KAYA-400. Letters, digits and hyphens; unique.' },
    },
    {
      name: 'image',
      type: 'upload',
      relationTo: MEDIA,
      admin: { description: 'A photo for the shop. Upload JPEG, PNG, WebP, AVIF or GIF, up to 5 MB.' },
    },
    {
      name: 'description',
      type: 'richText',
    },
    // The aisles the item is found in on the shop (one or more); API users filter with
    // where[categories][in]=<id>. SQLite keeps them in items_rels (indexed by aisle and by item).
    {
      name: 'categories',
      type: 'relationship',
      relationTo: CATEGORIES,
      hasMany: true,
      index: true,
      label: 'Aisles',
      admin: { position: 'sidebar', description: 'The aisles where shoppers find this item on the shop.' },
      // Spreadsheets name aisles by slug ("drinks,snacks"); imports look the slugs up.
      custom: { 'plugin-import-export': { hooks: { beforeExport: aislesAsSlugs } } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'price',
          type: 'number',
          label: 'Price',
          required: true,
          min: 0,
          index: true,
          validate: validatePrice,
          custom: strictNumberFromCsv,
          admin: {
            step: 1,
            // Stored in minor units (250 = $2.50); the admin panel shows and takes the shop's currency.
            components: {
              Field: { path: '/cms/components/PriceField#PriceField', clientProps: { money: SHOP_MONEY } },
              Cell: { path: '/cms/components/PriceCell#PriceCell', clientProps: { money: SHOP_MONEY } },
            },
          },
        },
        {
          name: 'quantity',
          type: 'number',
          label: 'Quantity in stock',
          required: true,
          defaultValue: 0,
          min: 0,
          validate: validateQuantity,
          custom: strictNumberFromCsv,
          admin: { step: 1 },
        },
      ],
    },
    // Kept by the shopperFields hook for the shop's sort, cards and search; never edited by hand.
    {
      name: 'soldOut',
      type: 'checkbox',
      defaultValue: false,
      admin: { hidden: true },
    },
    {
      name: 'summary',
      type: 'textarea',
      maxLength: SUMMARY_MAX_LENGTH,
      admin: { hidden: true },
    },
    {
      name: 'searchText',
      type: 'textarea',
      maxLength: SEARCH_TEXT_MAX_LENGTH,
      admin: { hidden: true },
    },
    // The item's search index keys (shared/searchIndex.ts), kept by the shopperFields hook. On
    // SQLite an FTS5 table copies them (migration 20261130_043900_item_search); on MongoDB this
    // array has its own (multikey) index. Never in an API answer: it is bulky and internal.
    {
      name: 'searchTerms',
      type: 'json',
      hidden: true,
      index: isMongoUri(cmsConfig.DATABASE_URI),
    },
  ],
}
