#!/usr/bin/env bash
# JMH benchmarks of the inference stages (profile "bench"); extra arguments go to JMH,
# e.g. scripts/bench.sh -wi 1 -i 2 'InferenceBenchmark.embed.*'
set -euo pipefail
cd "$(dirname "$0")/.."
OFFLINE=${MAVEN_OFFLINE:--o}
mvn -B -q $OFFLINE -Pbench test-compile
CP_FILE=target/bench.classpath
mvn -B -q $OFFLINE -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
exec java -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main \
  -rf json -rff target/jmh-result.json "$@"
