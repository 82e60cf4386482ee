// The native half of `import pco` (python/pco/ is the other): runs the command line in-process,
// exactly as the `pco` program does (src/cli/app.hpp), with its standard output and error
// captured, and describes every command's options so that Python can offer them as keyword
// arguments. Running the commands' own code, rather than binding the library a second time,
// keeps the Python results and messages identical to the program's by construction.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "store/results_store.hpp"

namespace py = pybind11;

namespace {

// std::cout and std::cerr are process-wide, so one command runs at a time; other Python
// threads keep running (the GIL is released) and queue here if they call pco too.
std::mutex& command_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Points std::cout, std::cerr and std::clog at strings for its lifetime.
class CapturedStreams {
 public:
  CapturedStreams()
      : out_buffer_(std::cout.rdbuf(out_.rdbuf())),
        err_buffer_(std::cerr.rdbuf(err_.rdbuf())),
        log_buffer_(std::clog.rdbuf(err_.rdbuf())) {}
  ~CapturedStreams() {
    std::cout.rdbuf(out_buffer_);
    std::cerr.rdbuf(err_buffer_);
    std::clog.rdbuf(log_buffer_);
  }
  CapturedStreams(const CapturedStreams&) = delete;
  CapturedStreams& operator=(const CapturedStreams&) = delete;
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }
  std::ostream& err_stream() { return err_; }

 private:
  std::ostringstream out_;
  std::ostringstream err_;
  std::streambuf* out_buffer_;
  std::streambuf* err_buffer_;
  std::streambuf* log_buffer_;
};

// Runs `pco ARGS...`; returns (exit code, standard output, standard error) as bytes, which
// Python decodes as UTF-8.
py::tuple run(const std::vector<std::string>& args) {
  int code = pco::cli::kExitInternal;
  std::string out;
  std::string err;
  {
    py::gil_scoped_release release;
    const std::lock_guard lock(command_mutex());
    CapturedStreams streams;
    std::vector<const char*> argv{"pco"};
    for (const auto& a : args)
      argv.push_back(a.c_str());
    try {
      code = pco::cli::run_command_line(static_cast<int>(argv.size()), argv.data());
    } catch (const std::exception& e) {  // the commands catch their own; this is a last guard
      streams.err_stream() << "internal error: " << e.what() << '\n';
      code = pco::cli::kExitInternal;
    }
    std::cout.flush();
    out = streams.out();
    err = streams.err();
  }
  return py::make_tuple(code, py::bytes(out), py::bytes(err));
}

py::dict describe_option(const CLI::Option& o) {
  py::dict d;
  const bool positional = o.get_positional();
  // "--flag" as typed on the command line (a positional: its name, which Python turns into a
  // keyword).
  if (positional)
    d["name"] = o.get_name(true);
  else if (!o.get_lnames().empty())
    d["name"] = "--" + o.get_lnames().front();
  else
    d["name"] = "-" + o.get_snames().front();
  d["positional"] = positional;
  // A flag takes no value: CLI11 gives it no type name (its type size is not reliably 0).
  d["flag"] = !positional && (o.get_type_size_max() == 0 || o.get_type_name().empty());
  d["multiple"] = o.get_expected_max() > 1;
  d["required"] = o.get_required();
  d["type"] = o.get_type_name();
  d["description"] = o.get_description();
  return d;
}

// Every command with its description and options, in the order `pco --help` lists them.
py::list commands() {
  CLI::App app{"pco", "pco"};
  int exit_code = 0;
  pco::cli::add_all_commands(app, exit_code);
  py::list list;
  const CLI::App& described = app;
  for (const auto* sub : described.get_subcommands([](const CLI::App*) { return true; })) {
    py::dict c;
    c["name"] = sub->get_name();
    c["description"] = sub->get_description();
    py::list options;
    for (const auto* o : sub->get_options())
      if (o->get_lnames() != std::vector<std::string>{"help"}) options.append(describe_option(*o));
    c["options"] = options;
    list.append(c);
  }
  return list;
}

}  // namespace

// `pco serve` starts a server and waits for a signal: not something to run inside Python.
namespace pco::cli {
void add_serve_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", kServeDescription);
  cmd->prefix_command();
  cmd->callback([&exit_code] {
    exit_code = run_guarded([] {
      throw UsageError(
          "'pco serve' runs a web server until it is stopped and is not available from Python; "
          "run it from a shell: pco serve STORE");
    });
  });
}
}  // namespace pco::cli

PYBIND11_MODULE(_pco, m) {
  m.doc() = "pco's command line run in-process (use the pco package, not this module)";
  m.attr("version") = PCO_VERSION;
  m.attr("results_schema_version") = pco::kResultsSchemaVersion;
  m.def("run", &run, py::arg("args"),
        "Runs `pco ARGS...` in this process: (exit code, stdout bytes, stderr bytes)");
  m.def("commands", &commands, "Every command, its description and its options");
}
