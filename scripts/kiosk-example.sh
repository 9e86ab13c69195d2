#!/usr/bin/env bash
# Runs the kiosk example of visage-client (visage-client/example, KioskExample) against a running
# Visage (./visage up): the broker's port, user and password are the server's (VISAGE_BROKER_*).
#   scripts/kiosk-example.sh [photos-dir=testdata/deepface-pairs/images]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
export VISAGE_BROKER_PORT="${VISAGE_BROKER_PORT:-61616}"
CP_FILE="$ROOT/visage-client/example/target/classpath.txt"
mvn -B -q -DskipTests -pl visage-client/example -am package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" >&2
exec java -cp "visage-client/example/target/classes:$(cat "$CP_FILE")" dev.visage.client.example.KioskExample "$@"
