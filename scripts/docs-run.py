#!/usr/bin/env python3
"""Runs the examples of the README and docs/*.md and compares their output with what the page
shows, so that a stale example fails (docs/development.md, "Examples that run").

An example is an indented code block whose lines start with "$ ": each "$ COMMAND" line (with
"\\" continuation lines) is run by bash and the lines after it, up to the next "$ " line, are
the output it must print (standard error, then standard output, as through a pipe). A line "..."
stands for any number of lines. Before comparing, both sides are normalised: trailing spaces,
durations ("0.12 s", "\"seconds\": 0.067") and the example's temporary directory.

Each page runs in its own temporary directory, in order, as one reader at one shell would: a
"cd" carries over to the page's next command. That directory holds links to examples/ and to
every file under the shared data directory (../shared/data, or --data), so that the page can
name public files by their bare names. Comments in the page steer the run:

    <!-- docs-run: setup COMMAND -->   run COMMAND there first (not shown to the reader)
    <!-- docs-run: needs FILE ... -->  the next example needs these data files: without them it
                                       is reported as not run (never silently)
    <!-- docs-run: skip REASON -->     the next example is not run (reported, with the reason)
    <!-- docs-run: output FILE -->     the next example's last command must print FILE's
                                       contents (a recorded output beside the page, which
                                       other pages quote); --update rewrites FILE

The pages are README.md, docs/*.md and examples/*/README.md.

Usage: scripts/docs-run.py [--pco BUILD_DIR] [--data DIR] [--update] [FILE.md ...]
--update rewrites each example's output in the page from this run (examples with "..." are
only checked: their elided lines say what to keep). Exit code 1 when an example differs."""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRECTIVE = re.compile(r"<!--\s*docs-run:\s*(setup|needs|skip|output)\b\s*(.*?)\s*-->")
DURATION = re.compile(r"\b\d+(\.\d+)?( ?(s|ms|seconds|minutes|min))\b")
JSON_SECONDS = re.compile(r'("seconds"\s*:\s*)[0-9.eE+-]+')


class Example:
    def __init__(self, page, line, commands, needs, skip, output):
        self.page, self.line = page, line
        self.commands = commands  # [(text, [expected lines], first line index in the page)]
        self.needs, self.skip = needs, skip
        self.output = output  # file holding the last command's output (beside the page), or None


def parse(page):
    """The page's examples and setup commands, in order: [("setup", cmd) | ("example", ex)]."""
    lines = open(page).read().split("\n")
    items = []
    needs, skip, output = [], None, None
    i = 0
    while i < len(lines):
        m = DIRECTIVE.search(lines[i])
        if m:
            kind, arg = m.group(1), m.group(2)
            if kind == "setup":
                items.append(("setup", arg))
            elif kind == "needs":
                needs = arg.split()
            elif kind == "output":
                output = os.path.join(os.path.dirname(page), arg)
            else:
                skip = arg or "marked skip"
            i += 1
            continue
        if lines[i].startswith("    $ ") and (i == 0 or not lines[i - 1].strip()
                                               or DIRECTIVE.search(lines[i - 1])):
            start = i
            commands = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                if not lines[i].strip():  # a blank line ends the block unless more follows
                    if (i + 1 < len(lines) and lines[i + 1].startswith("    ")
                            and not lines[i + 1].startswith("    $ ")):
                        if commands:
                            commands[-1][1].append("")
                        i += 1
                        continue
                    break
                text = lines[i][4:]
                if text.startswith("$ "):
                    command = text[2:]
                    at = i
                    while command.endswith("\\") and i + 1 < len(lines):
                        i += 1
                        command = command[:-1] + " " + lines[i].strip()
                    commands.append([command, [], at])
                elif commands:
                    commands[-1][1].append(text)
                i += 1
            items.append(("example", Example(page, start + 1, commands, needs, skip, output)))
            needs, skip, output = [], None, None
            continue
        i += 1
    return lines, items


def normalise(text, work):
    text = text.replace(work + "/", "").replace(work, ".")
    text = JSON_SECONDS.sub(r"\1<seconds>", text)
    text = DURATION.sub("<duration>", text)
    return [line.rstrip() for line in text.rstrip("\n").split("\n")] if text.strip() else []


def matches(expected, actual):
    """Whether `actual` lines match `expected`, where a "..." line matches any run of lines."""
    parts = [[]]
    for line in expected:
        if line.strip() == "...":
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return expected == actual
    head, *middle, tail = parts
    if actual[:len(head)] != head or (tail and actual[len(actual) - len(tail):] != tail):
        return False
    if len(head) + len(tail) > len(actual):
        return False
    position, end = len(head), len(actual) - len(tail)
    for part in middle:
        found = next((p for p in range(position, end - len(part) + 1)
                      if actual[p:p + len(part)] == part), None)
        if found is None:
            return False
        position = found + len(part)
    return True


def run_command(command, cwd, env):
    """Runs `command` with bash, standard output and error into one pipe (as `CMD 2>&1 | less`
    shows them: the programs write progress and notes to the unbuffered standard error, so they
    come before the buffered standard output); returns (output, directory afterwards)."""
    marker = tempfile.NamedTemporaryFile(delete=False)
    marker.close()
    script = f'{command}\nstatus=$?; pwd > "{marker.name}"; exit $status'
    try:
        result = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
        output = result.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode("utf-8", "replace") + "\n[docs-run: stopped after 900 s]"
    with open(marker.name) as f:
        directory = f.read().strip() or cwd
    os.unlink(marker.name)
    return output, directory


def data_files(data):
    files = {}
    if data and os.path.isdir(data):
        for root, _, names in os.walk(data):
            for name in names:
                files.setdefault(name, os.path.join(root, name))
    return files


def run_page(page, args, env, data):
    lines, items = parse(page)
    work = tempfile.mkdtemp(prefix="pco-docs-run-")
    failures, ran, not_run = 0, 0, 0
    updates = {}  # line index of a command -> new output lines
    try:
        os.symlink(os.path.join(SOURCE, "examples"), os.path.join(work, "examples"))
        for name, path in data.items():
            if not os.path.exists(os.path.join(work, name)):
                os.symlink(path, os.path.join(work, name))
        cwd = work
        for kind, item in items:
            if kind == "setup":
                output, cwd = run_command(item, cwd, env)
                continue
            where = f"{os.path.relpath(page, SOURCE)}:{item.line}"
            missing = [n for n in item.needs if n not in data]
            if item.skip or missing:
                reason = item.skip or f"needs {', '.join(missing)} (not in {args.data})"
                print(f"docs-run: NOT RUN {where}: {reason}")
                not_run += 1
                continue
            for index, (command, expected, at) in enumerate(item.commands):
                recorded = item.output if index == len(item.commands) - 1 else None
                if recorded:
                    if not os.path.isfile(recorded):
                        print(f"docs-run: DIFFERS {where}: the recorded output "
                              f"{os.path.relpath(recorded, SOURCE)} named by its "
                              "'docs-run: output' comment does not exist")
                        failures += 1
                        break
                    with open(recorded) as f:
                        expected = f.read().rstrip("\n").split("\n")
                output, cwd = run_command(command, cwd, env)
                actual = normalise(output, work)
                wanted = normalise("\n".join(expected), work)
                ran += 1
                if matches(wanted, actual):
                    continue
                if args.update and recorded:
                    with open(recorded, "w") as f:
                        f.write(output.replace(work + "/", "").replace(work, "."))
                    print(f"docs-run: UPDATED {os.path.relpath(recorded, SOURCE)}: $ {command}")
                    continue
                if args.update and not any(line.strip() == "..." for line in expected):
                    updates[at] = (len(expected), output)
                    print(f"docs-run: UPDATED {where}: $ {command}")
                    continue
                failures += 1
                print(f"docs-run: DIFFERS {where}: $ {command}")
                shown = os.path.relpath(recorded, SOURCE) if recorded else "shown in the page"
                diff = list(difflib.unified_diff(wanted, actual, shown,
                                                 "printed now", lineterm="", n=2))
                sys.stdout.writelines(line + "\n" for line in diff[:60])
                if len(diff) > 60:
                    print(f"... ({len(diff) - 60} more lines of difference)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if updates:
        for at in sorted(updates, reverse=True):
            count, output = updates[at]
            end = at + 1
            while lines[end - 1].rstrip().endswith("\\"):
                end += 1
            text = output.replace(work + "/", "").replace(work, ".")
            new = ["    " + line if line else "" for line in text.rstrip("\n").split("\n")]
            lines[end:end + count] = new
        with open(page, "w") as f:
            f.write("\n".join(lines))
    return failures, ran, not_run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pco", default=os.path.join(SOURCE, "build", "release"),
                        help="directory of the pco program to run (default build/release)")
    parser.add_argument("--data", default=os.environ.get("PCO_SHARED_DATA") or
                        os.path.join(SOURCE, "..", "shared", "data"),
                        help="the public data files (default $PCO_SHARED_DATA, else ../shared/data)")
    parser.add_argument("--update", action="store_true", help="rewrite outputs that changed")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    pages = args.pages or [os.path.join(SOURCE, "README.md")] + sorted(
        os.path.join(SOURCE, "docs", p) for p in os.listdir(os.path.join(SOURCE, "docs"))
        if p.endswith(".md")) + sorted(
        os.path.join(SOURCE, "examples", d, "README.md")
        for d in os.listdir(os.path.join(SOURCE, "examples"))
        if os.path.isfile(os.path.join(SOURCE, "examples", d, "README.md")))
    program = os.path.join(os.path.abspath(args.pco), "pco")
    if not os.access(program, os.X_OK):
        sys.exit(f"docs-run: no pco program at {program} (build first, or give --pco)")
    env = dict(os.environ, PATH=os.path.dirname(program) + os.pathsep + os.environ["PATH"],
               LC_ALL="C.UTF-8", COLUMNS="200", TERM="dumb")
    data = data_files(args.data)
    failures = ran = not_run = 0
    for page in pages:
        f, r, n = run_page(os.path.abspath(page), args, env, data)
        failures, ran, not_run = failures + f, ran + r, not_run + n
    print(f"docs-run: {ran} commands run, {failures} differ, {not_run} examples not run")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
