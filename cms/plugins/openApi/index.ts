import type { Plugin } from 'payload'

import { openapi } from 'payload-oapi'

import { CATEGORIES, ITEMS, MEDIA, USERS } from '../../slugs'
import { correctOpenApiDocument } from './openApiDocument'

/**
 * The OpenAPI document describes how this API really authenticates (see README "The REST API"),
 * validates as OpenAPI 3.0 and lists only what applies here (openApiDocument.ts).
 */
const describeAuthentication: Plugin = (config) => ({
  ...config,
  endpoints: (config.endpoints ?? [])
    // payload-oapi's password-flow helper logs in without the login's rate limit and audit.
    .filter((endpoint) => endpoint.path !== '/openapi-auth')
    .map((endpoint) =>
      endpoint.path !== '/openapi.json'
        ? endpoint
        : {
            ...endpoint,
            handler: async (req) => {
              const spec = correctOpenApiDocument(await (await endpoint.handler(req)).json(), req.payload.config.collections)
              spec.components.securitySchemes = {
                ApiKey: {
                  type: 'apiKey',
                  in: 'header',
                  name: 'Authorization',
                  description:
                    'Staff: `JWT <token>` from POST /api/users/login (reads drafts, writes). ' +
                    'Other programs: `api-clients API-Key <key>` (read-only, published items). ' +
                    'Anonymous callers read published items and images.',
                },
              }
              return Response.json(spec)
            },
          },
    ),
})

/** GET /api/openapi.json (payload-oapi), corrected and describing our authentication. */
export const openApi = (): Plugin[] => [
  openapi({
    openapiVersion: '3.0',
    metadata: {
      title: 'Minimart API',
      version: '1.0.0',
      description: "Uncle Pat's catalogue over REST, with Payload's query syntax (where, sort, limit, page, select, depth).",
    },
    filters: { includeCollections: [ITEMS, CATEGORIES, MEDIA, USERS], hideInternalCollections: true },
  }),
  describeAuthentication,
]
