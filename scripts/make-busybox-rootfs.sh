#!/bin/sh
# make-busybox-rootfs.sh DIR
#
# Builds a minimal root filesystem from Debian's busybox-static in DIR:
#
#   DIR/bin/busybox            the static binary (no libc needed inside the container)
#   DIR/bin/<applet>           a symlink to busybox for every applet ("busybox --install -s" style)
#   DIR/{proc,sys,dev,etc,tmp,root,home,run,var,mnt,usr/bin,sbin}
#   DIR/etc/{passwd,group}     root, nobody/65534 and a "user" with uid/gid 1000
#   DIR/etc/hostname, DIR/etc/hosts
#   DIR/bin/not-executable     a plain file with mode 0644, for the "exit 126" case
#
# Used by the conformance tests (their fixture) and by the README's first command
# (scripts/make-busybox-rootfs.sh examples/rootfs). Idempotent: running it again on a finished
# rootfs only refreshes what changed. Installs busybox-static with apt when it is missing.
set -eu

die() { echo "make-busybox-rootfs: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 DIR"
dir=$1

# Debian ships the static build as /bin/busybox (package busybox-static). The dynamic one
# (package busybox) would need the host's libc inside the rootfs, so insist on the static one.
find_static_busybox() {
  for candidate in /bin/busybox /usr/bin/busybox; do
    if [ -x "$candidate" ] && ! LC_ALL=C ldd "$candidate" >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

busybox=$(find_static_busybox || true)
if [ -z "$busybox" ]; then
  [ "$(id -u)" -eq 0 ] || die "busybox-static is not installed and we are not root to install it"
  echo "make-busybox-rootfs: installing busybox-static" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q busybox-static >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q busybox-static >/dev/null; } \
    || die "cannot install busybox-static with apt-get"
  busybox=$(find_static_busybox) || die "busybox-static installed but no static busybox found"
fi

mkdir -p "$dir"
cd "$dir"
mkdir -p bin sbin usr/bin usr/sbin etc proc sys dev tmp root home/user run var/tmp mnt
chmod 1777 tmp var/tmp
chmod 0700 root

# Copy (not link): the rootfs must not depend on the host's file, and a hard link would fail
# across filesystems. cmp keeps reruns cheap.
if ! cmp -s "$busybox" bin/busybox 2>/dev/null; then
  cp -f "$busybox" bin/busybox.tmp
  chmod 0755 bin/busybox.tmp
  mv -f bin/busybox.tmp bin/busybox
fi

# Every applet becomes bin/<name> -> busybox. We create the links from the applet list rather
# than running "busybox --install -s" because that would need a chroot (it installs into
# /bin, /sbin, /usr/bin of the running system). Everything goes into bin/ so one PATH entry
# covers all applets; ln -sfn makes it idempotent.
for applet in $(bin/busybox --list); do
  [ "$applet" = busybox ] && continue
  ln -sfn busybox "bin/$applet"
done

cat > etc/passwd <<'EOF'
root:x:0:0:root:/root:/bin/sh
user:x:1000:1000:user:/home/user:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat > etc/group <<'EOF'
root:x:0:
user:x:1000:
audio:x:29:user
video:x:44:user
nogroup:x:65534:
EOF
chown 1000:1000 home/user 2>/dev/null || true

echo rootfs > etc/hostname
cat > etc/hosts <<'EOF'
127.0.0.1 localhost
::1 localhost
EOF

# A file that exists but has no execute bit: execve fails with EACCES, so "run" must exit 126.
printf '#!/bin/sh\necho should not run\n' > bin/not-executable
chmod 0644 bin/not-executable
