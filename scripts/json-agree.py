#!/usr/bin/env python3
"""Compares a command's JSON output with its stored output (tests/data/golden/).

Usage: json-agree.py STORED NEW [--rel R]

Exit 0 when NEW is byte-identical to STORED, or when the two have the same structure, the same
strings and every number agrees within relative tolerance R (default 1e-9) — said on standard
output, with the largest difference, because bytes are expected to match only on a machine whose
FFTW codelets and libm take the same paths as the one that stored the output (SIMD width and FMA
change the last bits of a transform). Exit 1, listing every difference (up to 20), otherwise.

To store new output after a change made on purpose, rerun the command the test names (ctest -V
shows it) with --out STORED and say why in the commit.
"""
import json
import math
import sys


def walk(a, b, path, rel, out):
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            out["problems"].append(f"{path}: keys {sorted(a.keys() ^ b.keys())} in one only")
            return
        for k in a:
            walk(a[k], b[k], f"{path}.{k}", rel, out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out["problems"].append(f"{path}: {len(a)} items stored, {len(b)} now")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", rel, out)
    elif isinstance(a, bool) or isinstance(b, bool) or isinstance(a, str) or a is None:
        if a != b:
            out["problems"].append(f"{path}: stored {a!r}, now {b!r}")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        scale = max(abs(a), abs(b))
        diff = 0.0 if a == b else abs(a - b) / scale
        if math.isnan(diff) or diff > rel:
            out["problems"].append(f"{path}: stored {a!r}, now {b!r} (relative {diff:.3g})")
        if diff > out["largest"][0]:
            out["largest"] = (diff, path)
    else:
        out["problems"].append(f"{path}: stored {a!r}, now {b!r}")


def main():
    args = sys.argv[1:]
    rel = 1e-9
    if "--rel" in args:
        i = args.index("--rel")
        rel = float(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    stored_path, new_path = args
    with open(stored_path, "rb") as f:
        stored_bytes = f.read()
    with open(new_path, "rb") as f:
        new_bytes = f.read()
    if stored_bytes == new_bytes:
        print(f"json-agree: {new_path} is byte-identical to {stored_path}")
        return 0
    out = {"problems": [], "largest": (0.0, "")}
    walk(json.loads(stored_bytes), json.loads(new_bytes), "$", rel, out)
    if out["problems"]:
        print(f"json-agree: {new_path} differs from {stored_path} beyond relative {rel:g}:")
        for p in out["problems"][:20]:
            print("  " + p)
        if len(out["problems"]) > 20:
            print(f"  ... and {len(out['problems']) - 20} more")
        return 1
    diff, path = out["largest"]
    print(
        f"json-agree: bytes differ from {stored_path} but every number agrees within relative "
        f"{rel:g} (largest {diff:.3g} at {path}): expected on a CPU whose FFT/libm rounding "
        "differs from the machine that stored it"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
