#!/usr/bin/env bash
# Face verification calibration: ROC points, AUC, EER, threshold at a target FAR and the
# best-accuracy threshold (JSON per recogniser) plus a ROC plot (PNG).
#   scripts/calibrate.sh [pairs.csv] [images-dir] [out-dir] [models=faceres,mobileface] [target-far=0.01] \
#       [fixed-thresholds, e.g. faceres=0.64,faceapi=0.921: also print the accuracy at these]
# Defaults: the deepface-pairs dataset next to the project, out-dir target/calibration.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-testdata/deepface-pairs/pairs.csv}
IMAGES=${2:-testdata/deepface-pairs/images}
OUT=${3:-target/calibration}
MODELS=${4:-faceres,mobileface}
FAR=${5:-0.01}
FIXED=${6:-}
OFFLINE=${MAVEN_OFFLINE:--o}
mvn -B -q $OFFLINE test-compile
CP_FILE=target/calibrate.classpath
mvn -B -q $OFFLINE dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
exec java -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
  dev.visage.inference.tools.Calibrate "$PAIRS" "$IMAGES" "$OUT" "$MODELS" "$FAR" "$FIXED"
