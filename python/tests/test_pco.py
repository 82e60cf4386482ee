"""The Python module against the program: the same figures, messages and exit codes.
Run by ctest (PythonModule) with PYTHONPATH at the build tree's package and PCO_CLI the
`pco` program built beside it."""

import json
import math
import os
import shutil
import subprocess
import tempfile
import unittest
import warnings

import pco

CLI = os.environ.get("PCO_CLI", "pco")
COMPOUND = dict(frequency="poisson:500", severity="lognormal:7,1.2", step=25, max=4e5)
COMPOUND_ARGS = ["compound", "--frequency", "poisson:500", "--severity", "lognormal:7,1.2",
                 "--step", "25", "--max", "400000.0"]


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


def cli_json(*args):
    result = cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def without_timing(value):
    if isinstance(value, dict):
        return {k: without_timing(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [without_timing(v) for v in value]
    if hasattr(value, "tolist"):  # a NumPy array
        return value.tolist()
    return value


class Economy:
    """A small synthetic economy (80 practices, seed 3) and one run of it, made once."""
    directory = None

    @classmethod
    def get(cls):
        if cls.directory is None:
            cls.directory = tempfile.mkdtemp(prefix="pco-python-test-")
            out = cli("synth", "--seed", "3", "--practices", "80", "--out", cls.directory)
            assert out.returncode == 0, out.stderr
            out = cli("run", "--scenario", cls.scenario(), "--out", cls.out(), "--quiet")
            assert out.returncode == 0, out.stderr
        return cls.directory

    @classmethod
    def scenario(cls):
        return os.path.join(cls.get(), "scenario.toml")

    @classmethod
    def out(cls):
        return os.path.join(cls.get(), "out")


def tearDownModule():
    if Economy.directory:
        shutil.rmtree(Economy.directory)


class CommandsTest(unittest.TestCase):
    def test_compound_gives_the_programs_figures_exactly(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = pco.compound(**COMPOUND)
        expected = cli_json(*COMPOUND_ARGS)
        self.assertEqual(r["mean"], expected["mean"])  # bit for bit, not approximately
        self.assertEqual(without_timing(r), without_timing(expected))
        # The program's warning (probability beyond the grid) arrives as a PcoWarning.
        self.assertTrue(any(issubclass(w.category, pco.PcoWarning) and "beyond the grid" in
                            str(w.message) for w in caught))

    def test_compound_distribution_is_the_grid_as_numpy_arrays(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = pco.compound(**COMPOUND, distribution=True)
        d = r["distribution"]
        self.assertEqual(len(d["x"]), r["grid"]["points"])
        self.assertEqual(d["x"][0], r["grid"]["first"])
        self.assertEqual(d["x"][-1], r["grid"]["last"])
        # The grid's mass is what is not beyond it (tolerance: summing 99,050 doubles).
        self.assertAlmostEqual(float(d["pmf"].sum()), 1 - r["mass_beyond_grid"], delta=1e-9)
        self.assertTrue(math.isclose(float(d["cdf"][-1]), float(d["pmf"].sum()), rel_tol=1e-9))

    def test_lists_of_numbers_become_numpy_arrays(self):
        import numpy
        r = pco.compound(frequency="poisson:5", severity="exponential:0.01", step=10, max=5000,
                         at=[100, 500])
        self.assertIsInstance(r["cdf"], list)  # a list of objects stays a list
        self.assertEqual(len(r["cdf"]), 2)
        expected = cli_json("compound", "--frequency", "poisson:5", "--severity",
                            "exponential:0.01", "--step", "10", "--max", "5000", "--at",
                            "100,500")
        self.assertEqual(without_timing(r), without_timing(expected))
        self.assertIsInstance(numpy.asarray([q["x"] for q in r["quantiles"]]), numpy.ndarray)

    def test_bad_input_raises_the_programs_message(self):
        with self.assertRaises(pco.UsageError) as caught:
            pco.compound(frequency="poisson:-1", severity="lognormal:7,1.2", step=25, max=4e5)
        program = cli("compound", "--frequency", "poisson:-1", "--severity", "lognormal:7,1.2",
                      "--step", "25", "--max", "400000.0")
        self.assertEqual(program.returncode, 2)
        self.assertEqual(caught.exception.exit_code, 2)
        self.assertEqual(str(caught.exception), program.stderr.strip())

    def test_file_error_and_argument_error_keep_the_programs_exit_codes(self):
        with tempfile.NamedTemporaryFile() as not_a_directory:
            out = os.path.join(not_a_directory.name, "x.json")
            with self.assertRaises(pco.FileError) as caught:
                pco.compound(frequency="poisson:5", severity="exponential:1", step=1, max=20,
                             out=out)
            program = cli("compound", "--frequency", "poisson:5", "--severity", "exponential:1",
                          "--step", "1", "--max", "20", "--out", out)
        self.assertEqual((caught.exception.exit_code, program.returncode), (3, 3))
        self.assertEqual(str(caught.exception), program.stderr.strip())
        # A missing --scenario file is refused while parsing the arguments: exit code 2.
        with self.assertRaises(pco.UsageError) as caught:
            pco.allocate(scenario="/nonexistent/scenario.toml")
        self.assertIn("/nonexistent/scenario.toml", str(caught.exception))
        self.assertEqual(cli("allocate", "--scenario", "/nonexistent/scenario.toml").returncode, 2)

    def test_unknown_keyword_is_a_type_error(self):
        with self.assertRaises(TypeError):
            pco.compound(frequency="poisson:5", severity="exponential:1", step=1, max=10,
                         no_such_flag=1)

    def test_allocate_risk_simulate_match_the_program(self):
        scenario = Economy.scenario()
        self.assertEqual(without_timing(pco.allocate(scenario=scenario)),
                         without_timing(cli_json("allocate", "--scenario", scenario)))
        risk = pco.risk(scenario=scenario, level=["organisation"])
        self.assertEqual(without_timing(risk),
                         without_timing(cli_json("risk", "--scenario", scenario, "--level",
                                                 "organisation")))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sim = pco.simulate(scenario=scenario, replications=200, years=2)
        self.assertEqual(without_timing(sim),
                         without_timing(cli_json("simulate", "--scenario", scenario,
                                                 "--replications", "200", "--years", "2")))

    def test_notes_are_logged_not_warned(self):
        with self.assertLogs("pco", level="INFO") as logged:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a note issued as a warning would raise here
                pco.allocate(scenario=Economy.scenario())
        self.assertTrue(any("practices located exactly" in m for m in logged.output))

    def test_flags_and_repeated_options(self):
        scenario = Economy.scenario()
        r = pco.risk(scenario=scenario, level=["region", "organisation"], hold_all=True)
        self.assertEqual(without_timing(r), without_timing(cli_json(
            "risk", "--scenario", scenario, "--level", "region", "--level", "organisation",
            "--hold-all")))
        # --quiet leaves out progress and notes (logged in Python), not the summary.
        with self.assertNoLogs("pco", level="INFO"):
            text = pco.run(scenario=scenario, out=os.path.join(Economy.get(), "a"), quiet=True)
        program = cli("run", "--scenario", scenario, "--out", os.path.join(Economy.get(), "b"),
                      "--quiet")
        self.assertEqual((program.returncode, program.stderr), (0, ""))
        self.assertEqual(text.replace("/a/", "/b/"), program.stdout)

    def test_text_commands_return_their_output(self):
        text = pco.population(scenario=Economy.scenario(), format="table")
        self.assertEqual(text, cli("population", "--scenario", Economy.scenario()).stdout)

    def test_serve_is_refused_with_a_message(self):
        with self.assertRaises(pco.UsageError) as caught:
            pco.serve()
        self.assertIn("pco serve", str(caught.exception))


class ResultsStoreTest(unittest.TestCase):
    def test_runs_and_tables_as_data_frames(self):
        import pandas
        with pco.ResultsStore(os.path.join(Economy.out(), "results.db")) as store:
            runs = store.runs()
            self.assertIsInstance(runs, pandas.DataFrame)
            self.assertEqual(list(runs["run_id"]), [1])
            allocations = store.table("allocations", run=1)
            self.assertIn("allocations", store.tables())
        with open(os.path.join(Economy.out(), "allocations.csv")) as f:
            csv_rows = sum(1 for _ in f) - 1
        self.assertEqual(len(allocations), csv_rows)
        # Whole pence reconcile: the organisations' allocations sum to their region's.
        by_level = allocations.groupby("level")["allocation_pence"].sum()
        self.assertEqual(len(set(by_level.tolist())), 1, by_level)

    def test_missing_store_and_table(self):
        with self.assertRaises(pco.FileError):
            pco.ResultsStore("/nonexistent/results.db")
        with pco.ResultsStore(os.path.join(Economy.out(), "results.db")) as store:
            with self.assertRaises(pco.UsageError):
                store.table("no_such_table")


if __name__ == "__main__":
    unittest.main()
