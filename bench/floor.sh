#!/usr/bin/env bash
# bench/floor.sh [RUNS]  (root; needs hyperfine, runc, python3)
#
# The floor under rustyrun's run -> child -> init chain, stage by stage (issue #7: "if 4x proves
# impossible with the chain, say what the floor is, measured stage by stage"). bench/Floor.java
# does none of rustyrun's work: each stage is a bare JVM with rustyrun's stage flags and an AOT
# cache trained on it, that makes one FFM downcall (posix_spawn of the next stage, or execve of
# /bin/true for the last). In ONE interleaved hyperfine run with runc on the same busybox
# bundle (/bin/true), it prints the medians and their ratio to runc's:
#
#   jvm hello     JVM start and exit
#   jvm + ffm     + one FFM downcall (getpid): the FFM bootstrap
#   chain 1       1 JVM that execs /bin/true          (a runtime that is one JVM and nothing else)
#   chain 2       JVM -> JVM -> /bin/true              (host + init, the child's work on a host thread)
#   chain 3       JVM -> JVM -> JVM -> /bin/true       (host -> child -> init: today's chain)
#
# Env: RUNS (default 20), ROUNDS (4), WARMUP (3).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
java=${RUSTYRUN_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
runs=${1:-${RUNS:-20}}
warmup=${WARMUP:-3}
. "$here/bench/lib.sh"
bench_require floor.sh hyperfine runc python3
bench_tmpfs rustyrun-floor
cleanup() {
  runc --root "$tmp/runc" delete --force floor-runc >/dev/null 2>&1 || true
  bench_tmpfs_cleanup
}
trap cleanup EXIT

"${java%/java}/javac" -d "$tmp/classes" "$here/bench/Floor.java"
"${java%/java}/jar" cf "$tmp/floor.jar" -C "$tmp/classes" .   # an AOT cache needs a jar class path
# rustyrun's stage JVM flags (cli Installation), with an AOT cache trained on the longest chain.
flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable --enable-native-access=ALL-UNNAMED -cp $tmp/floor.jar"
"$java" $flags -XX:AOTCacheOutput="$tmp/floor.aot" Floor chain 3 "$java $flags Floor" >/dev/null 2>&1
j="$java $flags -XX:AOTCache=$tmp/floor.aot Floor"

"$here/scripts/make-busybox-rootfs.sh" "$tmp/rootfs" >/dev/null
mkdir -p "$tmp/runc"
make_bundle "$tmp/bundle" "$tmp/rootfs" '["/bin/true"]'
runc_run="runc --root $tmp/runc run --bundle $tmp/bundle floor-runc"
$runc_run || { echo "floor.sh: runc run failed" >&2; exit 1; }
$j chain 3 "$j" || { echo "floor.sh: the JVM chain failed" >&2; exit 1; }

rounds=${ROUNDS:-4}
per=$(( (runs + rounds - 1) / rounds ))
[ "$per" -ge 2 ] || per=2
for r in $(seq 1 "$rounds"); do
  hyperfine -N --style none --warmup "$([ "$r" -eq 1 ] && echo "$warmup" || echo 1)" --runs "$per" \
    --export-json "$tmp/round$r.json" \
    -n "runc run" "$runc_run" \
    -n "jvm hello" "$j hello" \
    -n "jvm + ffm" "$j ffm" \
    -n "chain 1" "$j chain 1 '$j'" \
    -n "chain 2" "$j chain 2 '$j'" \
    -n "chain 3" "$j chain 3 '$j'" >/dev/null
done
python3 - "$tmp"/round*.json <<'PY'
import json, statistics, sys
times = {}
for f in sys.argv[1:]:
    for r in json.load(open(f))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
runc = med["runc run"]
print(f"{'stage':<14}{'median ms':>10}{'x runc':>8}   (medians of {len(times['runc run'])} runs; target: rustyrun run <= 4x runc = {4 * runc:.0f} ms)")
for name in ("runc run", "jvm hello", "jvm + ffm", "chain 1", "chain 2", "chain 3"):
    print(f"{name:<14}{med[name]:>10.1f}{med[name] / runc:>7.1f}x")
PY
