#!/usr/bin/env bash
# Benchmark `rustyrun unpack` against GNU tar and umoci on a Debian minbase rootfs (issue #4).
#
#   bench/unpack.sh [ROUNDS]        (as root; default 10 rounds; RUSTYRUN=launcher to override)
#
# Builds the rootfs once (debootstrap, cached in $BENCH_CACHE), makes debian.tar, debian.tar.gz
# and an OCI layout of the same gzip layer, then times, in ONE hyperfine invocation with the
# commands interleaved round by round (the machine's CPU is shared, SECURITY.md 7), each tool
# extracting into a fresh directory on a tmpfs (deletion happens in --prepare, outside the
# measured window: / is mounted with `discard` here and deletes stall later writes):
#   rustyrun unpack debian.tar.gz   vs  tar -xzf debian.tar.gz   (target: <= 1.2x)
#   rustyrun unpack debian.tar      vs  tar -xf debian.tar       (target: <= 2x)
#   rustyrun unpack OCI layout      vs  umoci unpack             (target: <= 0.5x)
# and prints the median ratios and the machine's load average (the CPUs may be shared).
set -euo pipefail

rounds=${1:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
cache=${BENCH_CACHE:-/var/cache/rustyrun-bench}
rustyrun=${RUSTYRUN:-$here/rustyrun}   # another launcher (e.g. other JVM flags) to compare

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need debootstrap || ! need umoci; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine debootstrap umoci >/dev/null
fi
if [ ! -f "$here/cli/target/rustyrun.jar" ]; then
  (cd "$here" && ./mvnw -B -q package -DskipTests)
fi

mkdir -p "$cache"
if [ ! -f "$cache/debian.tar" ]; then
  rm -rf "$cache/rootfs"
  debootstrap --variant=minbase bookworm "$cache/rootfs" http://deb.debian.org/debian >"$cache/debootstrap.log"
  rm -f "$cache/rootfs/var/cache/apt/archives/"*.deb
  tar -C "$cache/rootfs" --numeric-owner -cf "$cache/debian.tar.tmp" . && mv "$cache/debian.tar.tmp" "$cache/debian.tar"
  rm -f "$cache/debian.tar.gz" && rm -rf "$cache/oci"
fi
if [ ! -f "$cache/debian.tar.gz" ]; then
  gzip -c "$cache/debian.tar" >"$cache/debian.tar.gz.tmp" && mv "$cache/debian.tar.gz.tmp" "$cache/debian.tar.gz"
fi

# An OCI layout holding the same gzip layer, written by hand (digests with sha256sum).
blob() { # FILE -> prints "<hex> <size>" and stores the file as a blob
  local hex size
  hex=$(sha256sum "$1" | cut -d' ' -f1); size=$(stat -c %s "$1")
  cp "$1" "$cache/oci/blobs/sha256/$hex"; echo "$hex $size"
}
if [ ! -f "$cache/oci/index.json" ]; then
  rm -rf "$cache/oci" && mkdir -p "$cache/oci/blobs/sha256"
  read -r layer layer_size < <(blob "$cache/debian.tar.gz")
  diff_id=$(sha256sum "$cache/debian.tar" | cut -d' ' -f1)
  printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$diff_id" >"$cache/config.json"
  read -r config config_size < <(blob "$cache/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config" "$config_size" "$layer" "$layer_size" >"$cache/manifest.json"
  read -r manifest manifest_size < <(blob "$cache/manifest.json")
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
    "$manifest" "$manifest_size" >"$cache/oci/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$cache/oci/oci-layout"
fi

work=$(mktemp -d /tmp/rustyrun-bench.XXXXXX)
mount -t tmpfs -o size=2g tmpfs "$work"
trap 'umount "$work" 2>/dev/null; rmdir "$work"' EXIT
mkdir -p "$work/out"

names=(rustyrun-gz tar-xzf rustyrun-plain tar-xf rustyrun-oci umoci)
cmds=(
  "$rustyrun unpack $cache/debian.tar.gz $work/out/rustyrun-gz/rootfs"
  "mkdir $work/out/tar-xzf && tar -C $work/out/tar-xzf -xzf $cache/debian.tar.gz"
  "$rustyrun unpack $cache/debian.tar $work/out/rustyrun-plain/rootfs"
  "mkdir $work/out/tar-xf && tar -C $work/out/tar-xf -xf $cache/debian.tar"
  "$rustyrun unpack $cache/oci $work/out/rustyrun-oci/rootfs"
  "umoci unpack --image $cache/oci:bench $work/out/umoci"
)
args=()
for ((r = 0; r < rounds; r++)); do
  for i in "${!names[@]}"; do
    args+=(-n "${names[$i]}" --prepare "rm -rf $work/out/${names[$i]}" "${cmds[$i]}")
  done
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine --runs 1 --style basic --export-json "$work/results.json" "${args[@]}" >/dev/null
echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

python3 - "$work/results.json" <<'PY'
import json, statistics, sys
times = {}
for r in json.load(open(sys.argv[1]))["results"]:
    times.setdefault(r["command"], []).extend(r["times"])
med = {k: statistics.median(v) for k, v in times.items()}
for k in ("rustyrun-gz", "tar-xzf", "rustyrun-plain", "tar-xf", "rustyrun-oci", "umoci"):
    print("%-15s median %6.3f s  (min %6.3f, n=%d)" % (k, med[k], min(times[k]), len(times[k])))
def ratio(a, b, target):
    x = med[a] / med[b]
    print("%-15s / %-8s = %.2fx  (target <= %sx) %s" % (a, b, x, target, "ok" if x <= target else "MISSED"))
ratio("rustyrun-gz", "tar-xzf", 1.2)
ratio("rustyrun-plain", "tar-xf", 2)
ratio("rustyrun-oci", "umoci", 0.5)
PY
