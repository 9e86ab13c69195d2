#!/usr/bin/env bash
# Builds visage-bench (with the server code it measures) and prints the class path its benchmarks
# and tools run with; scripts/bench.sh, calibrate.sh, calibrate-clusters.sh and bench-search.sh use it.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFLINE=${MAVEN_OFFLINE:--o}
CP_FILE="$PWD/visage-bench/target/classpath.txt"
mvn -B -q $OFFLINE -DskipTests -pl visage-bench -am package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" >&2
echo "visage-bench/target/classes:$(cat "$CP_FILE")"
