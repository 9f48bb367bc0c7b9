# Shared by the container benchmarks (startup.sh, floor.sh); sourced, not run.
#   bench_require NAME TOOL...     root and the tools, or exit with what to install
#   bench_tmpfs PREFIX             a tmpfs work directory in $tmp (unmount it with bench_tmpfs_cleanup)
#   make_bundle DIR ROOTFS ARGS    a `runc spec` bundle running ARGS (a JSON array) on ROOTFS, read-only

bench_require() {
  local name=$1 tool
  shift
  [ "$(id -u)" -eq 0 ] || { echo "$name: run as root" >&2; exit 1; }
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$name: $tool missing (apt-get install -y hyperfine runc)" >&2; exit 1; }
  done
}

bench_tmpfs() {
  tmp=$(mktemp -d "/tmp/$1.XXXXXX")
  mount -t tmpfs -o size=256m tmpfs "$tmp"
}

bench_tmpfs_cleanup() {
  umount -l "$tmp" 2>/dev/null || true
  rmdir "$tmp" 2>/dev/null || true
}

make_bundle() {
  mkdir -p "$1"
  (cd "$1" && runc spec)
  python3 - "$1/config.json" "$2" "$3" <<'PY'
import json, sys
path, rootfs, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
c = json.load(open(path))
c["process"]["args"] = args
c["process"]["terminal"] = False
c["root"] = {"path": rootfs, "readonly": True}
json.dump(c, open(path, "w"), indent=2)
PY
}
