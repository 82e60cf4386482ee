"""Reads the command line's structure from `pco --help` and `pco COMMAND --help` (CLI11's
layout), so that the man pages and shell completions are generated from the program itself
and cannot drift from it. Standard library only."""

import re
import subprocess
from dataclasses import dataclass, field

DESCRIPTION_COLUMN = 30  # CLI11 prints names in a 28-character column after 2 spaces


@dataclass
class Entry:
    names: list  # e.g. ["-h", "--help"], or ["store"] for a positional
    spec: str  # what follows the names: "TEXT:FILE ...", "FLOAT", "" for a flag
    description: str
    positional: bool = False

    @property
    def long_name(self):
        longs = [n for n in self.names if n.startswith("--")]
        return longs[0] if longs else self.names[0]

    @property
    def takes_value(self):
        return self.positional or bool(self.spec.replace("REQUIRED", "").strip())

    @property
    def choices(self):
        m = re.search(r"\{([^}]*)\}", self.spec)
        return m.group(1).split(",") if m else []

    @property
    def is_file(self):
        name = self.long_name.lstrip("-")
        return (":FILE" in self.spec or name in ("out", "scenario", "store")
                or name.endswith("-out") or name.endswith("-file"))


@dataclass
class Help:
    description: str
    usage: str
    positionals: list = field(default_factory=list)
    options: list = field(default_factory=list)
    subcommands: list = field(default_factory=list)  # (name, description)
    footer: str = ""


def parse(text):
    lines = text.rstrip("\n").split("\n")
    usage_at = next(i for i, line in enumerate(lines) if line.startswith("Usage:"))
    help_ = Help(description=" ".join(lines[:usage_at]).strip(),
                 usage=lines[usage_at][len("Usage:"):].strip())
    section = None
    footer = []
    for line in lines[usage_at + 1:]:
        if line in ("Positionals:", "Options:", "Subcommands:"):
            section = line[:-1]
            continue
        if not line.strip():
            if section:
                section = "after"
            continue
        if section in (None, "after") or not line.startswith("  "):
            footer.append(line)
            section = "footer"
            continue
        if section == "footer":
            footer.append(line)
            continue
        if line.startswith(" " * DESCRIPTION_COLUMN):  # a description on its own line
            target = help_.subcommands if section == "Subcommands" else (
                help_.positionals if section == "Positionals" else help_.options)
            last = target[-1]
            if section == "Subcommands":
                target[-1] = (last[0], (last[1] + " " + line.strip()).strip())
            else:
                last.description = (last.description + " " + line.strip()).strip()
            continue
        head, _, description = line[2:].partition("  ")
        head, description = head.strip(), description.strip()
        if section == "Subcommands":
            help_.subcommands.append((head, description))
            continue
        names, _, spec = head.partition(" ")
        entry = Entry(names=names.split(","), spec=spec.strip(), description=description,
                      positional=section == "Positionals")
        (help_.positionals if entry.positional else help_.options).append(entry)
    help_.footer = "\n".join(footer).strip()
    return help_


def read(program, *args):
    result = subprocess.run([program, *args, "--help"], capture_output=True, text=True, check=True)
    return parse(result.stdout)


def read_all(program):
    """The program's help and each command's: (top, {command: Help}) in --help's order."""
    top = read(program)
    return top, {name: read(program, name) for name, _ in top.subcommands}
