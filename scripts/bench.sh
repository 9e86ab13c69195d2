#!/usr/bin/env bash
# JMH benchmarks of the inference stages (profile "bench"); extra arguments go to JMH,
# e.g. scripts/bench.sh -wi 1 -i 2 'InferenceBenchmark.embed.*'
set -euo pipefail
cd "$(dirname "$0")/.."
CP="$(scripts/bench-classpath.sh)"
exec java -cp "$CP" org.openjdk.jmh.Main \
  -rf json -rff visage-bench/target/jmh-result.json "$@"
