import type { CollectionBeforeOperationHook, PayloadRequest, SanitizedConfig } from 'payload'

import { editorConfigFactory, getEnabledNodes } from '@payloadcms/richtext-lexical'
import { createHeadlessEditor } from '@payloadcms/richtext-lexical/lexical/headless'
import { ValidationError } from 'payload'

import { ITEMS, MEDIA } from '../../../slugs'

type FieldError = { message: string; path: string }

const NUMBER_MESSAGES = {
  price: 'Price must be a number of cents, e.g. 250 for $2.50.',
  quantity: 'Quantity in stock must be a number.',
} as const

/** "250" and " 2.5 " are numbers; "12abc", "0x10", "Infinity" and "" are not. */
const isNumberText = (text: string): boolean => {
  const trimmed = text.trim()
  return trimmed !== '' && Number.isFinite(Number(trimmed)) && Number(trimmed) === Number.parseFloat(trimmed)
}

const editorConfigs = new WeakMap<SanitizedConfig, ReturnType<typeof editorConfigFactory.default>>()

/** Whether Lexical itself can load the description with the editor's nodes. */
async function isRichText(value: unknown, req: PayloadRequest): Promise<boolean> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false
  const config = req.payload.config
  if (!editorConfigs.has(config)) editorConfigs.set(config, editorConfigFactory.default({ config }))
  const editorConfig = await editorConfigs.get(config)!
  try {
    // Lexical reports parse errors to onError (and carries on with an empty document) unless told.
    const editor = createHeadlessEditor({
      nodes: getEnabledNodes({ editorConfig }),
      onError: (error) => {
        throw error
      },
    })
    editor.parseEditorState(value as never)
    return (value as { root?: { type?: unknown } }).root?.type === 'root'
  } catch {
    return false
  }
}

async function imageExists(value: unknown, req: PayloadRequest): Promise<boolean> {
  const id = value && typeof value === 'object' && 'id' in value ? value.id : value
  if (typeof id !== 'number' && typeof id !== 'string') return true // Payload's own rule explains it
  // An id that cannot even be looked up (e.g. text where ids are numbers) is Payload's to refuse.
  const found = await req.payload.count({ collection: MEDIA, req, where: { id: { equals: id } } }).catch(() => undefined)
  return found === undefined || found.totalDocs > 0
}

/**
 * Items beforeOperation (create, update): refuses, with a message per field, what Payload would
 * otherwise store or choke on:
 * - a number sent as text that is not all number: Payload turns text into a number with
 *   parseFloat before any rule runs, so "12abc" would quietly become 12;
 * - a `_status` other than draft or published (Payload stores it as given);
 * - a description that is not Lexical rich text (stored as given, then breaks the shop's page);
 * - an image id that names no image (the database refuses it with a 500).
 */
export const refuseMalformedInput: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data || typeof data !== 'object') return args
  const errors: FieldError[] = []
  for (const [path, message] of Object.entries(NUMBER_MESSAGES)) {
    if (typeof data[path] === 'string' && !isNumberText(data[path] as string)) errors.push({ message, path })
  }
  if ('_status' in data && data._status !== undefined && data._status !== 'draft' && data._status !== 'published') {
    errors.push({ message: 'Status must be "draft" or "published".', path: '_status' })
  }
  if (data.description !== undefined && data.description !== null && !(await isRichText(data.description, req))) {
    errors.push({ message: 'Description must be rich text (Lexical JSON, as the API returns it) or null.', path: 'description' })
  }
  if (data.image !== undefined && data.image !== null && data.image !== '' && !(await imageExists(data.image, req))) {
    errors.push({ message: 'There is no image with this id.', path: 'image' })
  }
  if (errors.length > 0) throw new ValidationError({ collection: ITEMS, errors, req }, req.t)
  return args
}
