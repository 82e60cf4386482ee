#!/bin/sh
# `make install-test`: installs the build into a temporary prefix and checks what a user gets
# (docs/install.md): the programs run from another directory (the demo, and `pco serve`'s
# pco-serve beside pco), the man pages and bash completion, find_package(pco) from
# examples/cmake-consumer giving the program's figure, and `import pco` from the prefix's
# site-packages giving the program's figure exactly. Every check is required; the Python one
# is made when the build has the Python module (pybind11 found).
# Usage: scripts/install-test.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pco-install-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
fail() { echo "install-test: FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" || {
  cat "$work/install.log"; fail "cmake --install"; }

for f in bin/pco bin/pco-serve lib/libpco.a include/pco/risk/aggregate.hpp \
         include/pco/store/schema.sql lib/cmake/pco/pcoConfig.cmake \
         lib/cmake/pco/pcoConfigVersion.cmake lib/cmake/pco/pcoTargets.cmake \
         share/man/man1/pco.1 share/man/man1/pco-compound.1 \
         share/bash-completion/completions/pco share/zsh/vendor-completions/_pco \
         share/doc/pco/README.md share/doc/pco/risk.md; do
  [ -e "$prefix/$f" ] || fail "$f not installed"
done
[ ! -e "$prefix/include/pco/cli" ] || fail "the command line's headers were installed"
echo "install-test: installed into a fresh prefix"

# The programs, from another directory, as a user on PATH runs them.
cd "$work"
PATH="$prefix/bin:$PATH"
[ "$(pco --version)" = "$(sed -n 's/^project(pco VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")" ] ||
  fail "pco --version is not the project's version"
pco demo --out "$work/demo" >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; fail "pco demo"; }
grep -q 'Run 1 of "pco demo: synthetic economy"' "$work/demo.log" || fail "pco demo's summary"
[ -s "$work/demo/results.db" ] && [ -s "$work/demo/report.html" ] || fail "pco demo's outputs"
pco serve --help | grep -q -- '--port' || fail "pco serve does not reach the installed pco-serve"
echo "install-test: installed pco demo ran from $work"

# Man pages: every command has one, naming its options.
for c in $(pco --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
  page="$prefix/share/man/man1/pco-$c.1"
  [ -s "$page" ] || fail "no man page for pco $c"
  grep -q "^\.TH PCO-$(echo "$c" | tr a-z A-Z) 1" "$page" || fail "pco-$c.1 has no .TH line"
done
grep -q 'frequency' "$prefix/share/man/man1/pco-compound.1" || fail "pco-compound.1 lacks --frequency"

# Bash completion: commands, then a command's options, then an option's choices.
complete_words() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pco; echo "${COMPREPLY[*]}"' \
    _ "$prefix/share/bash-completion/completions/pco" "$@"
}
[ "$(complete_words pco comp)" = "compound" ] || fail "completion of 'pco comp'"
complete_words pco compound --fr | grep -qx -- "--frequency" || fail "completion of --fr"
[ "$(complete_words pco compound --method f)" = "fft" ] || fail "completion of --method f"
echo "install-test: man pages and bash completion"

# find_package(pco): the example consumer computes the compound mean through the library.
cmake -S "$source_dir/examples/cmake-consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "find_package(pco)"; }
cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "building against pco::pco"; }
program_mean=$(pco compound --frequency poisson:500 --severity lognormal:7,1.2 --step 25 --max 4e5 \
  --format json 2>/dev/null | /usr/bin/python3 -c 'import json, sys; print(repr(json.load(sys.stdin)["mean"]))')
library_mean=$("$work/consumer/compound_mean" | /usr/bin/python3 -c 'import sys; print(repr(float(sys.stdin.read())))')
[ "$program_mean" = "$library_mean" ] || fail "library mean $library_mean, program's $program_mean"
echo "install-test: find_package(pco) consumer gives the program's mean $library_mean"

# import pco from the prefix's site-packages.
if ls "$build"/python/pco/_pco*.so >/dev/null 2>&1; then
  site=$(ls -d "$prefix"/lib/python3*/site-packages 2>/dev/null) || fail "no site-packages in the prefix"
  python_mean=$(cd / && PYTHONPATH="$site" /usr/bin/python3 -W ignore -c \
    'import pco; print(repr(pco.compound(frequency="poisson:500", severity="lognormal:7,1.2", step=25, max=4e5)["mean"]))')
  [ "$python_mean" = "$program_mean" ] || fail "Python mean $python_mean, program's $program_mean"
  echo "install-test: import pco from $site gives the program's mean $python_mean"
else
  fail "the build has no Python module (pybind11-dev and python3-dev are in scripts/install-deps.sh)"
fi
echo "install-test: all checks passed"
