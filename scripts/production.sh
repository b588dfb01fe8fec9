#!/bin/sh
# The steps of a production deploy, in one place: the Dockerfile runs them, and
# test/production/productionInstall.test.ts runs the same ones in a copy of the tree, so the two
# cannot drift apart.
#   dependencies  every dependency, for the build (npm ci)
#   build         compile to dist/ (npm run build)
#   install       production dependencies only, beside a built dist/ (npm ci --omit=dev)
#   start         the compiled server; exec, so that node is the process that gets SIGTERM
set -eu
cd "$(dirname "$0")/.."
case "${1:-}" in
  dependencies) exec npm ci --no-audit --no-fund ;;
  build) exec npm run build ;;
  install) exec npm ci --omit=dev --no-audit --no-fund ;;
  start) exec node --enable-source-maps --disable-warning=DEP0111 scripts/start.mjs ;;
  *)
    echo "usage: scripts/production.sh dependencies|build|install|start" >&2
    exit 2
    ;;
esac
