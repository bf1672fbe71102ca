# Minimart: one image for both apps (the CMS and the storefront share one install).
# Multi-stage: dependencies → build → a slim runtime that runs as the unprivileged `node` user.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1 ASTRO_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build cms && npx astro build --root storefront && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production MINIMART_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
# The CMS by default; the storefront service overrides the command.
EXPOSE 3000 4321
CMD ["node_modules/.bin/next", "start", "cms", "--port", "3000"]
