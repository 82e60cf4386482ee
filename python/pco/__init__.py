"""pco from Python: every command of the `pco` program as a function, run in this process.

    import pco
    r = pco.compound(frequency="poisson:500", severity="lognormal:7,1.2", step=25, max=4e5)
    r["mean"]                      # the figure `pco compound ... --format json` prints
    pco.risk(scenario="scenario.toml", level=["region"])
    pco.call("compound", "--help")  # any command line: (exit code, stdout, stderr)
    pco.ResultsStore("out/demo/results.db").table("allocations", run=1)   # a pandas DataFrame

Keyword arguments are the command's flags with '-' written '_' (``min_pop=`` for
``--min-pop``); True sets a flag, a list gives a repeatable option each value (``level=[...]``)
or a comma-separated one its values joined by commas (``at=[1e6, 2e6]``). Commands with a JSON
format return the command's JSON as dicts and lists, with lists of numbers as NumPy arrays when
NumPy is installed; the others return what they print, as text. The command line itself runs
(the `_pco` extension links the same code as the program), so results, defaults, warnings and
error messages are the program's: an error raises PcoError (UsageError for bad arguments or
input, FileError for a file that cannot be read or written, InternalError otherwise) with the
program's message; each warning the program prints is issued as a PcoWarning, and its notes
and progress lines are logged (logger "pco", level INFO).
"""

import csv
import json
import keyword
import logging
import os
import sqlite3
import tempfile
import warnings

from . import _pco

__version__ = _pco.version
__all__ = ["call", "commands", "ResultsStore", "PcoError", "UsageError", "FileError",
           "InternalError", "PcoWarning"]

try:
    import numpy as _np
except ImportError:  # pragma: no cover - NumPy is optional
    _np = None


class PcoError(Exception):
    """A pco command failed; the message is the program's, `exit_code` its exit code."""

    def __init__(self, message, exit_code):
        super().__init__(message)
        self.exit_code = exit_code


class InternalError(PcoError):
    """Exit code 1: an internal error."""


class UsageError(PcoError):
    """Exit code 2: bad arguments or input (the message names file, line, column and value)."""


class FileError(PcoError):
    """Exit code 3: a file could not be read or written."""


class PcoWarning(UserWarning):
    """A warning the command printed (e.g. probability beyond the grid)."""


_ERRORS = {1: InternalError, 2: UsageError, 3: FileError}
# Notes and progress the commands print go to this logger (level INFO); warnings are warned.
_log = logging.getLogger("pco")


def call(*args):
    """Runs `pco ARGS...` in this process and returns (exit_code, stdout, stderr) as text,
    exactly as the program would print them. Never raises for a failing command."""
    code, out, err = _pco.run([str(a) for a in args])
    return code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def commands():
    """Every command: name, description and options (name, flag, multiple, type, ...)."""
    return _pco.commands()


def _arrays(value):
    """The JSON with every non-empty list of numbers as a NumPy array."""
    if isinstance(value, dict):
        return {k: _arrays(v) for k, v in value.items()}
    if isinstance(value, list):
        if (_np is not None and value
                and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)):
            return _np.array(value)
        return [_arrays(v) for v in value]
    return value


def _text(value):
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back as the same double
    return str(value)


class _Command:
    """One command as a callable; built from the program's own description of its options."""

    def __init__(self, spec):
        self.name = spec["name"]
        self.options = {}
        self.positionals = []
        for o in spec["options"]:
            key = o["name"].lstrip("-").replace("-", "_")
            if keyword.iskeyword(key):
                key += "_"
            self.options[key] = o
            if o["positional"]:
                self.positionals.append(key)
        fmt = self.options.get("format")
        self.json = fmt is not None and "json" in fmt["type"]
        self.__name__ = self.name
        flags = "\n".join(
            f"    {k}: {o['description']}" for k, o in self.options.items())
        self.__doc__ = (f"pco {self.name}: {spec['description']}\n\nKeyword arguments "
                        f"(the command's options; `pco {self.name} --help`):\n{flags}\n")

    def arguments(self, kwargs):
        args = [self.name]
        for key, value in kwargs.items():
            if key not in self.options:
                raise TypeError(f"pco.{self.name}() got an unexpected keyword argument '{key}' "
                                f"(options: {', '.join(self.options)})")
            if value is None or value is False:
                continue
            o = self.options[key]
            if o["positional"]:
                continue
            if o["flag"]:
                args.append(o["name"])
            elif isinstance(value, (list, tuple)):
                if o["multiple"]:
                    for v in value:
                        args += [o["name"], _text(v)]
                else:
                    args += [o["name"], ",".join(_text(v) for v in value)]
            else:
                args += [o["name"], _text(value)]
        for key in self.positionals:
            value = kwargs.get(key)
            if value is None:
                continue
            args += [_text(v) for v in value] if isinstance(value, (list, tuple)) else [
                _text(value)]
        return args

    def __call__(self, **kwargs):
        distribution = kwargs.pop("distribution", False) if self.name == "compound" else False
        wants_json = self.json and kwargs.get("format") in (None, "json")
        if wants_json:
            kwargs["format"] = "json"
        grid_file = None
        if distribution:
            handle, grid_file = tempfile.mkstemp(suffix=".csv", prefix="pco-grid-")
            os.close(handle)
            kwargs["grid_out"] = grid_file
        try:
            code, out, err = call(*self.arguments(kwargs))
            if code != 0:
                raise _ERRORS.get(code, PcoError)(err.strip() or f"exit code {code}", code)
            for line in err.splitlines():
                if line.startswith("warning:"):
                    warnings.warn(line, PcoWarning, stacklevel=2)
                elif line.strip():
                    _log.info("%s", line)
            if not wants_json:
                return out
            if not out.strip():  # written to --out instead
                return None
            result = _arrays(json.loads(out))
            if distribution:
                result["distribution"] = _read_grid(grid_file)
            return result
        finally:
            if grid_file:
                os.unlink(grid_file)


def _read_grid(path):
    """compound's --grid-out (x,pmf,cdf) as columns: NumPy arrays, or lists without NumPy."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    columns = {name: [float(r[i]) for r in rows] for i, name in enumerate(header)}
    return {k: _np.array(v) for k, v in columns.items()} if _np is not None else columns


for _spec in _pco.commands():
    _function = _Command(_spec)
    _name = _spec["name"]
    globals()[_name] = _function
    __all__.append(_name)
del _spec, _function, _name


class ResultsStore:
    """A results store (results.db) opened read-only: its finished runs and their tables as
    pandas DataFrames (lists of dicts when pandas is not installed). Columns and meanings:
    docs/results-schema.md."""

    def __init__(self, path):
        if not os.path.exists(path):
            raise FileError(f"{path}: no such results store", 3)
        self.path = os.fspath(path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    def close(self):
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _frame(self, sql, params=()):
        cursor = self._db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        try:
            import pandas
        except ImportError:
            return [dict(zip(names, r)) for r in rows]
        return pandas.DataFrame.from_records(rows, columns=names)

    def tables(self):
        """The names of the store's tables."""
        return [r[0] for r in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    def runs(self):
        """The finished runs (an unfinished one is a run that was stopped or is in progress)."""
        return self._frame("SELECT * FROM runs WHERE finished_at IS NOT NULL ORDER BY run_id")

    def table(self, name, run=None):
        """The table's rows of finished runs, or of one run."""
        if name not in self.tables():
            raise UsageError(f"{self.path}: no table '{name}' (tables: "
                             f"{', '.join(self.tables())})", 2)
        columns = [r[1] for r in self._db.execute(f'PRAGMA table_info("{name}")')]
        if "run_id" not in columns:
            return self._frame(f'SELECT * FROM "{name}"')
        where = "run_id IN (SELECT run_id FROM runs WHERE finished_at IS NOT NULL)"
        params = ()
        if run is not None:
            where += " AND run_id = ?"
            params = (int(run),)
        return self._frame(f'SELECT * FROM "{name}" WHERE {where} ORDER BY rowid', params)
