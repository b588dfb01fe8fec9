# Arbeidslivstelefonen's assistant: docker build -t helpline . && docker run -p 3978:3978 helpline
# (or `docker compose up`, see compose.yaml). Every install, build and start step is a step of
# scripts/production.sh, which test/production/productionInstall.test.ts runs too.

# 1. build: every dependency, then dist/ (compiled server, migrations, locales, pages, browser libraries)
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/ scripts/
RUN scripts/production.sh dependencies
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
COPY dialogs/ dialogs/
COPY locales/ locales/
COPY public/ public/
RUN scripts/production.sh build

# 2. production dependencies only (better-sqlite3's prebuilt binary for this Node comes with it)
FROM node:20-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/ scripts/
RUN scripts/production.sh install

# 3. what runs: production node_modules, dist/ and the start script; no sources, no compiler
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=dependencies /app/node_modules/ node_modules/
COPY --from=build /app/dist/ dist/
COPY package.json ./
COPY scripts/production.sh scripts/start.mjs scripts/buildState.mjs scripts/runCli.mjs scripts/
RUN mkdir -p /data && chown node:node /data
# the embedded SQLite database and its encryption key (unused when DATABASE_URL is set)
VOLUME ["/data"]
USER node
EXPOSE 3978
# node:20-slim has no curl: ask with node itself
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 (the script execs it) and handles SIGTERM itself: it drains for up to
# SHUTDOWN_TIMEOUT_MS (10 s); give `docker stop` longer than that (compose.yaml: stop_grace_period)
STOPSIGNAL SIGTERM
CMD ["scripts/production.sh", "start"]
