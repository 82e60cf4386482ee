#!/bin/sh
# Runs every fuzz target in DIR for SECONDS each, starting from fuzz/corpus/<target>/ (copied
# to a scratch directory so the committed seeds stay as they are). Fails on the first crash.
set -eu
dir=${1:?usage: run_all.sh BUILD_FUZZ_DIR SECONDS}
seconds=${2:-15}
root=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in "$dir"/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  mkdir -p "$scratch/$name"
  if [ -d "$root/corpus/$name" ]; then cp "$root/corpus/$name"/* "$scratch/$name"/ 2>/dev/null || true; fi
  echo "fuzz: $name for ${seconds}s"
  "$target" "$scratch/$name" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix="$scratch/" -print_final_stats=0 2>"$scratch/$name.log" || {
    tail -40 "$scratch/$name.log"
    echo "fuzz: $name FAILED"
    exit 1
  }
  grep -E "^#[0-9]+.*DONE" "$scratch/$name.log" | tail -1 || true
done
echo "fuzz: all targets ran without a crash"
