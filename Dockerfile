# syntax=docker/dockerfile:1
# The user service image: a build stage that installs from the lockfile (whose postinstall runs
# `npm run generate`: ts-proto stubs, the buf descriptor set, the Prisma clients), compiles TypeScript and
# prunes dev dependencies; a runtime stage with only what `node dist/src/main.js` reads.
#
#   docker build -t user-service .
#   docker run --rm -p 50051:50051 user-service        # embedded PostgreSQL under /data (development)
#   docker run --rm user-service node dist/src/cli/main.js --help   # the admin CLI (migrate, migrate-tenants, ...)
#   docker compose up                                   # with PostgreSQL, Redis and Envoy (docker-compose.yml)
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
# npm 11, as on the developer machines: it runs only the dependency install scripts package.json approves
# ("allowScripts"), so Prisma's engine download (unreachable from CI) is never attempted.
RUN npm install -g npm@11.19.1
# Install first (cached while the lockfile, protos and schemas are unchanged). `npm ci` runs the postinstall
# `npm run generate`, which needs the protos, buf configuration, Prisma schemas and scripts/.
COPY package.json package-lock.json buf.yaml buf.gen.yaml prisma.master.config.ts prisma.tenant.config.ts ./
COPY proto/ proto/
COPY third_party/ third_party/
COPY prisma/ prisma/
COPY scripts/ scripts/
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
# Build with the dev dependencies (TypeScript, ts-proto, buf), then drop them: `npm ci --omit=dev` alone
# would skip the tools the postinstall generation needs.
RUN npm run build \
 && npm prune --omit=dev \
 && test -f src/gen/userservice.binpb \
 && test -f dist/src/main.js \
 && test -f dist/src/cli/main.js

FROM ${NODE_IMAGE} AS runtime
# Memory (README "Resident memory"; the same settings as `npm start` and the benchmark, which
# test/deploy/deploy-files.test.ts keeps in step):
# - MALLOC_MMAP_THRESHOLD_ fixes glibc's thresholds. By default, once a large block is freed (the Prisma
#   query compiler's WebAssembly bytes at start, an argon2 buffer) glibc raises its trim threshold to twice
#   that block's size, and from then on each malloc arena keeps up to that much freed memory: measured, about
#   40 MiB of an idle service's resident memory.
# - --max-old-space-size=512 (CMD below) caps V8's old generation, which also lowers how far V8 lets it grow
#   between full collections (up to 4x the live heap when the cap is 2 GiB or more, the default on any host
#   with 8 GiB of memory): under GetMe load garbage piled up to 240 MiB of heap before.
ENV NODE_ENV=production \
    GRPC_HOST=0.0.0.0 \
    GRPC_PORT=50051 \
    METRICS_PORT=9464 \
    DATA_DIR=/data \
    MALLOC_MMAP_THRESHOLD_=1048576
WORKDIR /app
# Layout read at run time (src/infrastructure/project-root.ts): the project root is the first folder above
# dist/src/infrastructure holding package.json, i.e. /app; from it the service reads
# src/gen/userservice.binpb (access policies, reflection) and prisma/<schema>/{schema.prisma,migrations}
# (the master is migrated at every start, tenant databases at creation).
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/src/gen/userservice.binpb ./src/gen/userservice.binpb
COPY deploy/docker/healthcheck.js ./deploy/docker/healthcheck.js
# The OpenAPI document behind the live API docs page (http://<host>:METRICS_PORT/docs/).
COPY docs/openapi.yaml ./docs/openapi.yaml
# Files stay owned by root (read-only to the service); only DATA_DIR is writable. The numeric user (the
# image's `node` user) lets Kubernetes verify runAsNonRoot.
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
# gRPC, and Prometheus metrics (/metrics).
EXPOSE 50051 9464
# grpc.health.v1.Health/Check on the local port: SERVING while the master database answers.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "deploy/docker/healthcheck.js"]
STOPSIGNAL SIGTERM
CMD ["node", "--max-old-space-size=512", "dist/src/main.js"]
