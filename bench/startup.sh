#!/usr/bin/env bash
# bench/startup.sh [RUNS]  (root; needs hyperfine, runc, python3)
#
# Container start latency of rustyrun against runc, in ONE interleaved hyperfine run (the
# commands alternate, so load from other work on the machine hits both alike), on the same
# busybox bundle running /bin/true, with every state root on a tmpfs:
#
#   run        rustyrun run           vs  runc run
#   cycle      create + start + wait for exit + delete   (both)
#   parallel4  4 x run in parallel    vs  4 x runc run in parallel
#
# Prints each median and the median ratio rustyrun/runc (issue #7 target: run <= 4x runc), then
# the memory of rustyrun's stages:
#   peak RSS per stage = VmHWM from /proc/PID/status read while the stage is still alive:
#     host and child during `run` of a `sleep` container (both wait for it), init after `create`
#     (it waits on the exec fifo until `start`, having done everything but execve).
#   resident while a container runs = VmRSS of what rustyrun leaves alive: for `run` the host
#     JVM + the child JVM; after `create` the init JVM (until `start` execs the program);
#     after `start` nothing of rustyrun.
#
# Env: RUSTYRUN (default: the launcher next to this script), RUNS (default 20), WARMUP (3),
#      EXTRA_RUSTYRUN_CMDS="name=cmd;..."  not used by default.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
rr=${RUSTYRUN:-$here/rustyrun}
runs=${1:-${RUNS:-20}}
warmup=${WARMUP:-3}
. "$here/bench/lib.sh"
bench_require startup.sh hyperfine runc python3
bench_tmpfs rustyrun-startup
cleanup() {
  for id in rr-run runc-run rr-cycle runc-cycle rr-rss rr-created; do
    "$rr" --root "$tmp/rr" delete --force "$id" >/dev/null 2>&1 || true
    runc --root "$tmp/runc" delete --force "$id" >/dev/null 2>&1 || true
  done
  bench_tmpfs_cleanup
}
trap cleanup EXIT
mkdir -p "$tmp/rr" "$tmp/runc"

"$here/scripts/make-busybox-rootfs.sh" "$tmp/rootfs" >/dev/null
bundle=$tmp/bundle
make_bundle "$bundle" "$tmp/rootfs" '["/bin/true"]'
make_bundle "$tmp/sleep" "$tmp/rootfs" '["/bin/sleep", "3"]'

RR="$rr --root $tmp/rr"
RUNC="runc --root $tmp/runc"
# The composite commands are small scripts, so hyperfine can run everything without a shell (-N).
# cycle: create, start, wait until the container's pid has exited (or is a zombie), delete.
for rt in rr runc; do
  [ $rt = rr ] && cmd=$RR || cmd=$RUNC
  cat > "$tmp/$rt-cycle.sh" <<SH
$cmd create --bundle $bundle --pid-file $tmp/$rt-cycle.pid $rt-cycle
$cmd start $rt-cycle
p=\$(cat $tmp/$rt-cycle.pid)
while [ -e /proc/\$p ] && [ "\$(cut -d' ' -f3 /proc/\$p/stat 2>/dev/null)" != Z ]; do :; done
exec $cmd delete --force $rt-cycle
SH
  [ $rt = rr ] && one="$RR run -f $bundle/config.json" || one="$RUNC run --bundle $bundle"
  cat > "$tmp/$rt-par.sh" <<SH
pids=
for i in 1 2 3 4; do $one $rt-par\$i >/dev/null & pids="\$pids \$!"; done
for p in \$pids; do wait \$p || exit 1; done
SH
done
rr_run="$RR run -f $bundle/config.json rr-run"
runc_run="$RUNC run --bundle $bundle runc-run"

# Sanity: both runtimes run the bundle.
$rr_run || { echo "startup.sh: rustyrun run failed" >&2; exit 1; }
$runc_run || { echo "startup.sh: runc run failed" >&2; exit 1; }

json=${JSON:-$tmp/startup.json}
# hyperfine runs each command's runs in sequence; interleave by repeating the command list:
# ROUNDS rounds of (every command x RUNS/ROUNDS runs), all into one export.
rounds=${ROUNDS:-4}
per=$(( (runs + rounds - 1) / rounds ))
[ "$per" -ge 2 ] || per=2
for r in $(seq 1 "$rounds"); do
  hyperfine -N --style none --warmup "$([ "$r" -eq 1 ] && echo "$warmup" || echo 1)" --runs "$per" \
    --export-json "$tmp/round$r.json" \
    -n "rustyrun run" "$rr_run" \
    -n "runc run" "$runc_run" \
    -n "rustyrun cycle" "sh $tmp/rr-cycle.sh" \
    -n "runc cycle" "sh $tmp/runc-cycle.sh" \
    -n "rustyrun parallel4" "sh $tmp/rr-par.sh" \
    -n "runc parallel4" "sh $tmp/runc-par.sh" >/dev/null
done
python3 - "$json" "$tmp"/round*.json <<'PY'
import json, statistics, sys
out, files = sys.argv[1], sys.argv[2:]
times = {}
for f in files:
    for r in json.load(open(f))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
json.dump({"results": [{"command": k, "times": v} for k, v in times.items()]}, open(out, "w"))
med = {k: statistics.median(v) * 1000 for k, v in times.items()}
print(f"{'benchmark':<20}{'rustyrun ms':>12}{'runc ms':>10}{'ratio':>8}   (medians of {len(times['runc run'])} runs)")
for what in ("run", "cycle", "parallel4"):
    a, b = med["rustyrun " + what], med["runc " + what]
    print(f"{what:<20}{a:>12.1f}{b:>10.1f}{a / b:>7.1f}x")
PY
echo "(hyperfine JSON: $json)"

# Memory. VmHWM = peak RSS so far; read while each stage is alive.
kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
$RR run -f "$tmp/sleep/config.json" rr-rss >/dev/null &
host=$!
child=
for _ in $(seq 1 300); do
  child=$(pgrep -P "$host" -f 'io.rustyrun.cli.Main child' || true)
  sleeper=$(pgrep -f '^/bin/sleep 3$' || true)
  [ -n "$child" ] && [ -n "$sleeper" ] && break
  sleep 0.05
done
sleep 0.3
host_hwm=$(kb "$host" VmHWM); host_rss=$(kb "$host" VmRSS)
child_hwm=$(kb "$child" VmHWM); child_rss=$(kb "$child" VmRSS)
wait "$host" || true
$RR create --bundle "$bundle" --pid-file "$tmp/created.pid" rr-created
init=$(cat "$tmp/created.pid")
init_hwm=$(kb "$init" VmHWM); init_rss=$(kb "$init" VmRSS)
$RR delete --force rr-created
mb() { awk -v k="$1" 'BEGIN { printf "%6.1f MB", k / 1024 }'; }
echo "peak RSS per stage (VmHWM):  host $(mb "$host_hwm")   child $(mb "$child_hwm")   init $(mb "$init_hwm")"
echo "resident while a container runs:  run: host + child = $(mb $((host_rss + child_rss)))" \
  "($(mb "$host_rss") + $(mb "$child_rss"));  created (before start): init $(mb "$init_rss");  after start: 0"
