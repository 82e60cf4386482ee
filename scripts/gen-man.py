#!/usr/bin/env python3
"""Writes a man page per command (pco.1, pco-population.1, …) from `pco --help` and
`pco COMMAND --help`, so the pages say exactly what the program says.
Usage: scripts/gen-man.py PCO_BINARY OUT_DIR VERSION"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_help  # noqa: E402

EXIT_STATUS = [("0", "success"), ("1", "internal error"),
               ("2", "bad arguments or input (a scenario, a data file, a flag)"),
               ("3", "a file could not be read or written")]


def roff(text):
    """Escapes text for a roff line: backslashes, hyphens, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def bold_names(names):
    return ", ".join(f"\\fB{roff(n)}\\fR" for n in names)


def summary(text):
    """A whatis line: the description up to its first full stop or colon (an ellipsis is not
    one), shortened at a parenthesis or comma when long, starting in lower case."""
    text = re.sub(r"^pco - ", "", text)
    m = re.match(r"(.+?)(?<!\.)[.:](?!\.)(\s|$)", text)
    sentence = m.group(1) if m else text.rstrip(".")
    for cut in (" (", ", "):
        if len(sentence) > 70 and sentence.find(cut) > 15:
            sentence = sentence[:sentence.find(cut)]
    if not sentence[1:2].isupper():
        sentence = sentence[0].lower() + sentence[1:]
    return sentence


def page(name, section_title, version, help_, see_also, extra=()):
    out = [f'.TH {name.upper()} 1 "" "pco {version}" "{section_title}"',
           ".SH NAME", f"{roff(name)} \\- {roff(summary(help_.description))}",
           ".SH SYNOPSIS", f"\\fB{roff(help_.usage)}\\fR",
           ".SH DESCRIPTION", roff(help_.description)]
    out += extra
    if help_.positionals:
        out.append(".SH ARGUMENTS")
        for p in help_.positionals:
            out += [".TP", f"\\fI{roff(p.names[0])}\\fR {roff(p.spec)}", roff(p.description)]
    if help_.options:
        out.append(".SH OPTIONS")
        for o in help_.options:
            spec = f" \\fI{roff(o.spec)}\\fR" if o.spec else ""
            out += [".TP", bold_names(o.names) + spec, roff(o.description)]
    out.append(".SH EXIT STATUS")
    for code, meaning in EXIT_STATUS:
        out += [".TP", f"\\fB{code}\\fR", roff(meaning)]
    out += [".SH FILES",
            "The documentation, with every formula, default and its source, is in "
            "\\fI/usr/share/doc/pco/\\fR (or \\fIshare/doc/pco\\fR under the install prefix): "
            "README.md, docs/*.md and examples/.",
            ".SH SEE ALSO", ", ".join(f"\\fB{roff(s)}\\fR(1)" for s in see_also)]
    return "\n".join(out) + "\n"


def main():
    program, out_dir, version = sys.argv[1:4]
    top, commands = cli_help.read_all(program)
    os.makedirs(out_dir, exist_ok=True)
    pages = [f"pco-{c}" for c in commands]
    listing = [".SH COMMANDS"]
    for name, description in top.subcommands:
        listing += [".TP", f"\\fBpco {roff(name)}\\fR (\\fBpco\\-{roff(name)}\\fR(1))",
                    roff(description)]
    listing += [".PP", roff("Run 'pco COMMAND --help' or 'man pco-COMMAND' for each command's "
                            "options.")]
    written = {"pco.1": page("pco", "pco manual", version, top, pages, listing)}
    for name, help_ in commands.items():
        others = ["pco"] + [p for p in pages if p != f"pco-{name}"]
        written[f"pco-{name}.1"] = page(f"pco-{name}", "pco manual", version, help_, others)
    for file, text in written.items():
        path = os.path.join(out_dir, file)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            with open(path, "w") as f:
                f.write(text)


if __name__ == "__main__":
    main()
