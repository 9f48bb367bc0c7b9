#!/usr/bin/env bash
# test.sh: the whole test suite, as CI runs it: set-up, then every module's unit tests, the
# architecture rules, and the root-only conformance tests against the packaged ./rustyrun.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --packages-only
JDK=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -Djdk25.home="$JDK" -Pconformance verify
