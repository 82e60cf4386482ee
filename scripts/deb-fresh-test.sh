#!/usr/bin/env bash
# Installs the .deb packages on a fresh Debian 12 (a debootstrap minbase chroot: no compiler, no
# pco dependencies) with apt, as a new user would, then runs `pco --version`, `pco demo` and the
# Python module, and checks that the module's compound mean is the CLI's exactly.
# Needs root, debootstrap (apt-get install debootstrap) and a Debian mirror. Not part of CI
# (it downloads ~250 MB); docs/install.md says when to run it.
# Usage: scripts/deb-fresh-test.sh [PACKAGES_DIR] [CHROOT_DIR]
#   PACKAGES_DIR: where `make deb` put the packages (default build/release/packages)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=$(cd "${1:-$root/build/release/packages}" && pwd)
chroot_dir=${2:-$(mktemp -d /tmp/pco-fresh-XXXXXX)}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[[ $(id -u) -eq 0 ]] || { echo "deb-fresh-test: run as root (chroot, debootstrap)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "deb-fresh-test: apt-get install debootstrap" >&2; exit 1; }
ls "$packages"/pco_*.deb >/dev/null || { echo "deb-fresh-test: no pco_*.deb in $packages (make deb)" >&2; exit 1; }

if [[ ! -x $chroot_dir/usr/bin/apt-get ]]; then
  echo "deb-fresh-test: debootstrap bookworm (minbase) into $chroot_dir"
  debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >"$chroot_dir.log" 2>&1 ||
    { tail -20 "$chroot_dir.log" >&2; exit 1; }
fi
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
mkdir -p "$chroot_dir/tmp/debs"
cp "$packages"/pco_*.deb "$packages"/python3-pco_*.deb "$chroot_dir/tmp/debs/"
mountpoint -q "$chroot_dir/proc" || mount -t proc proc "$chroot_dir/proc"
trap 'umount "$chroot_dir/proc" 2>/dev/null || true' EXIT

chroot "$chroot_dir" bash -euo pipefail -c '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q /tmp/debs/*.deb >/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }
  echo "installed: $(grep -c "^Setting up" /tmp/apt.log) packages"
  cd /tmp
  pco --version
  pco demo --out /tmp/demo >/dev/null 2>&1
  test -s /tmp/demo/report.html && test -s /tmp/demo/results.db
  echo "pco demo: report.html and results.db written"
  args="--frequency poisson:500 --severity lognormal:7,1.2 --step 25 --max 4e5"
  cli=$(pco compound $args --format json 2>/dev/null |
        python3 -c "import json,sys; print(repr(json.load(sys.stdin)[\"mean\"]))")
  py=$(python3 -W ignore -c "import pco; print(repr(pco.compound(frequency=\"poisson:500\",
       severity=\"lognormal:7,1.2\", step=25, max=4e5)[\"mean\"]))")
  echo "compound mean: CLI $cli, Python $py"
  test "$cli" = "$py"
'
echo "deb-fresh-test: the packages install and run on a fresh Debian 12"
