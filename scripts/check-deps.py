#!/usr/bin/env python3
"""Checks the direction of dependencies between the folders of src/ against
src/dependencies.txt: a file in src/A/ may include "B/..." when B's layer is below A's, or
when A -> B is a listed back-edge. Fails (exit 1) naming each new back-edge and the files that
make it; says which listed back-edges no longer exist. Usage: scripts/check-deps.py [SRC_DIR]"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_0-9]+)/', re.M)


def read_rules(path):
    layer_of, allowed, layers = {}, set(), 0
    for number, line in enumerate(open(path), 1):
        words = line.split("#")[0].split()
        if not words:
            continue
        if words[0] == "layer":
            for folder in words[1:]:
                layer_of[folder] = layers
            layers += 1
        elif words[0] == "back-edge" and len(words) == 3:
            allowed.add((words[1], words[2]))
        else:
            sys.exit(f"{path}:{number}: expected 'layer FOLDER...' or 'back-edge FROM TO'")
    return layer_of, allowed


def edges(src):
    found = {}
    for folder in sorted(os.listdir(src)):
        root = os.path.join(src, folder)
        if not os.path.isdir(root):
            continue
        for directory, _, names in os.walk(root):
            for name in sorted(names):
                if not name.endswith((".cpp", ".hpp", ".h")):
                    continue
                path = os.path.join(directory, name)
                for target in INCLUDE.findall(open(path, errors="replace").read()):
                    if target != folder and os.path.isdir(os.path.join(src, target)):
                        found.setdefault((folder, target), []).append(os.path.relpath(path, src))
    return found


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    layer_of, allowed = read_rules(os.path.join(src, "dependencies.txt"))
    found = edges(src)
    problems = []
    folders = {f for f in os.listdir(src) if os.path.isdir(os.path.join(src, f))}
    for folder in sorted(folders - set(layer_of)):
        problems.append(f"src/{folder}/ has no layer in src/dependencies.txt")
    for (a, b), files in sorted(found.items()):
        if a not in layer_of or b not in layer_of:
            continue
        if layer_of[b] < layer_of[a] or (a, b) in allowed:
            continue
        problems.append(f"new back-edge {a} -> {b} (layer {layer_of[a]} includes layer "
                        f"{layer_of[b]}): {', '.join(sorted(set(files)))}")
    for a, b in sorted(allowed - set(found)):
        print(f"check-deps: the back-edge {a} -> {b} has gone: strike it from "
              "src/dependencies.txt")
    for p in problems:
        print(f"check-deps: {p}")
    listed = len(allowed & set(found))
    print(f"check-deps: {len(found)} folder dependencies, {listed} listed back-edges, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
