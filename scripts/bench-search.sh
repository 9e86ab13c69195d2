#!/usr/bin/env bash
# Search benchmark (docs/BENCHMARKS.md "Search"): N synthetic faces shaped like the default recogniser's real
# embeddings (fitted to the repository's photos; the first run embeds them, ~1 min) in the faces table of a private
# PostgreSQL + pgvector (scripts/postgres.sh; its own work folder and port, dropped and refilled each run), with
# production's index; Q probes through production's statements, unfiltered and filtered, against exact search.
# Ends with one line per case: search n=... tenants=... filter=... p50_ms=... p95_ms=... recall10=...
#   scripts/bench-search.sh [N=100000] [Q=200] [reuse|reindex]  (reuse: query the table and index of the previous run;
#                                                             reindex: keep its faces, build the index again)
# Environment: BENCH_DB_PORT (55490), BENCH_WORK_DIR (.work/bench), BENCH_HEAP (8g: every vector is kept for the
# ground truth), BENCH_JAVA_OPTS (e.g. -Dtenants=100 -Defs=100,200,400; SearchBenchmark's Javadoc lists them).
# Writes target/search-bench-N.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
Q=${2:-200}
REUSE=${3:-}
export VISAGE_DB_PORT=${BENCH_DB_PORT:-55490} VISAGE_WORK_DIR=${BENCH_WORK_DIR:-$PWD/.work/bench}
scripts/postgres.sh start >/dev/null
CP="$(scripts/bench-classpath.sh)"
exec java -Xmx${BENCH_HEAP:-8g} ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.visage.gallery.bench.SearchBenchmark \
  "jdbc:postgresql://127.0.0.1:$VISAGE_DB_PORT/visage" visage visage "$N" "$Q" $REUSE
