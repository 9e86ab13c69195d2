#!/usr/bin/env bash
# Dedup in-memory index benchmark (docs/BENCHMARKS.md "Dedup near-duplicate query, in-memory index"):
# N clustered pHashes in one tenant of dedup_images in a private PostgreSQL (scripts/postgres.sh; its own
# work folder and port, dropped and refilled each run), the production loader, Q lookups.
#   scripts/bench-dedup.sh [N=1000000] [Q=3000] [reuse]      (reuse: query the table of the previous run)
# Environment: BENCH_DB_PORT (55495), BENCH_WORK_DIR (.work/dedup-bench), BENCH_HEAP (2g, as jvm.options).
# Compiles with javac into the work folder (no Maven run), so it can run beside a build of this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
Q=${2:-3000}
REUSE=${3:-}
export VISAGE_DB_PORT=${BENCH_DB_PORT:-55495} VISAGE_WORK_DIR=${BENCH_WORK_DIR:-$PWD/.work/dedup-bench}
scripts/postgres.sh start >/dev/null
PG_VERSION=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' pom.xml)
PG_JAR=$HOME/.m2/repository/org/postgresql/postgresql/$PG_VERSION/postgresql-$PG_VERSION.jar
OUT=$VISAGE_WORK_DIR/classes
rm -rf "$OUT" && mkdir -p "$OUT"
javac -d "$OUT" -cp "$PG_JAR" visage-server/src/main/java/dev/visage/dedup/application/{HashBands,DedupService,FaceKeys}.java \
  visage-server/src/main/java/dev/visage/dedup/domain/*.java visage-server/src/main/java/dev/visage/dedup/infrastructure/JdbcDedupRows.java \
  visage-bench/src/main/java/dev/visage/dedup/bench/DedupMemoryBenchmark.java
echo "nproc=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%FT%TZ)"
java -Xmx${BENCH_HEAP:-2g} -XX:+UseG1GC -cp "$OUT:$PG_JAR" dev.visage.dedup.bench.DedupMemoryBenchmark \
  "jdbc:postgresql://127.0.0.1:$VISAGE_DB_PORT/visage" visage visage "$N" "$Q" $REUSE
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%FT%TZ)"
