#!/bin/sh
# Installs every build, test and tool dependency of pco from Debian packages.
# Idempotent; run as root (or with sudo available) on a fresh Debian 12 machine.
# With --bench also the references and tools of bench/speed_table.sh (R's actuar,
# hyperfine, perf, ltrace); CI does not need them. python3-dev and pybind11-dev build the
# Python module (import pco), which uses numpy and pandas; dpkg-dev's dpkg-shlibdeps `make deb`.
set -eu

PACKAGES="
  build-essential cmake ninja-build pkg-config git
  libcli11-dev libtomlplusplus-dev libfmt-dev nlohmann-json3-dev
  libsqlite3-dev libfftw3-dev librandom123-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev libmicrohttpd-dev
  libmetis-dev libgeos-dev libproj-dev proj-data libzip-dev libopenmpi-dev openmpi-bin
  clang clang-format libclang-rt-14-dev
  chromium wrk curl sqlite3 iproute2
  python3-dev pybind11-dev python3-numpy python3-pandas dpkg-dev
"
if [ "${1:-}" = "--bench" ]; then
  PACKAGES="$PACKAGES r-cran-actuar hyperfine linux-perf ltrace"
fi
# Node.js and npm run the browser tests (playwright-core); a machine that already has them
# (e.g. from NodeSource) keeps its own.
if ! command -v npm >/dev/null 2>&1; then PACKAGES="$PACKAGES nodejs npm"; fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
