#!/usr/bin/env sh
# Generates both Prisma clients (master and tenant) into src/gen/prisma.
# The Prisma CLI wants a native schema engine, which it downloads from Prisma's server (unreachable here and
# in CI). `prisma generate` never runs that engine (the generator is WebAssembly), so naming any existing
# file as the engine binary lets it run offline. Migrations use @prisma/schema-engine-wasm in-process instead.
set -e
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(pwd)/package.json}"
export PRISMA_HIDE_UPDATE_MESSAGE=1
for schema in master tenant; do
  prisma generate --schema "prisma/$schema/schema.prisma" >/dev/null
done
echo "generated Prisma clients: master, tenant"
