#!/usr/bin/env bash
# setup.sh: prepares a fresh Debian/Ubuntu machine (as root) to build, run and test rustyrun:
# checks for JDK 25, installs the Debian packages the tests and examples use, builds the
# packaged CLI, and builds the example's busybox rootfs (examples/rootfs).
# With --packages-only it stops after the packages (scripts/test.sh builds on its own).
set -euo pipefail
cd "$(dirname "$0")/.."

JDK=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PACKAGES=(busybox-static iproute2 util-linux debootstrap python3 unzip curl)

if [ ! -x "$JDK/bin/java" ]; then
  echo "setup: error: no JDK 25 at \"$JDK\"" >&2
  echo "setup: hint: install Temurin 25 there, or set JDK25_HOME to a JDK 25" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ "${1:-}" = "--packages-only" ] && exit 0

echo "setup: building rustyrun"
./mvnw -B -q -Djdk25.home="$JDK" package -DskipTests

echo "setup: building the example's busybox rootfs (examples/rootfs)"
scripts/make-busybox-rootfs.sh examples/rootfs >/dev/null
