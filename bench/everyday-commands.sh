#!/usr/bin/env bash
# Times the everyday commands a developer runs (README, "Performance" → "Everyday commands"): the build
# from scratch with each compiler, `npm start` on an unchanged tree to the "user service serving" line
# (embedded PostgreSQL, existing data folder), and CLI commands. Prints wall-clock seconds and the load
# average, since on a shared 2-core machine the figures move with the load.
# Usage: bench/everyday-commands.sh [runs]   (needs PostgreSQL on 127.0.0.1:5432 for the CLI figures)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d); chmod 755 "$work"; trap 'rm -rf "$work"' EXIT
export DATA_DIR=$work/data GRPC_PORT=0 METRICS_PORT=0 EMBEDDED_POSTGRES_PORT=$((40000 + RANDOM % 20000))
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
load() { cut -d' ' -f1 /proc/loadavg; }

echo "load average at start: $(load)"
t=$(date +%s%N); node node_modules/typescript/bin/tsc -p tsconfig.build.json --outDir "$work/dist-5.9"; echo "full build, TypeScript 5.9 (tsc):          $(ms $t) ms (load $(load))"
t=$(date +%s%N); node scripts/build.js --force >/dev/null 2>&1; echo "full build, TypeScript 7 native (build.js): $(ms $t) ms (load $(load))"
t=$(date +%s%N); node scripts/build.js; echo "build.js on an unchanged tree:              $(ms $t) ms"

start_once() {
  local log=$work/start.log t pid
  rm -f "$log"; t=$(date +%s%N)
  npm start >"$log" 2>&1 & pid=$!
  until grep -q '"user service serving"' "$log" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.02
  done
  echo "npm start to SERVING (unchanged tree):     $(ms $t) ms (load $(load))"
  kill -TERM $pid; wait $pid || true
}
start_once >/dev/null # first start: initialises the embedded database (cold-start work, not counted)
for _ in $(seq "$runs"); do start_once; done
for _ in $(seq "$runs"); do t=$(date +%s%N); npm run cli -- --help >/dev/null; echo "npm run cli -- --help:                      $(ms $t) ms (load $(load))"; done
db=postgresql://postgres@127.0.0.1:5432/bench_everyday_$$
DATABASE_URL=$db npm run cli -- migrate >/dev/null
for _ in $(seq "$runs"); do t=$(date +%s%N); DATABASE_URL=$db npm run cli -- list-tenants >/dev/null; echo "npm run cli -- list-tenants:                $(ms $t) ms (load $(load))"; done
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS bench_everyday_$$ WITH (FORCE)" >/dev/null 2>&1 || true
