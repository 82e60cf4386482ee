// Issue 18, item 11: METIS prints some problems with printf on standard output, which polluted
// `pco design --format json`. Whatever METIS says must reach standard error, never stdout.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/text.hpp"
#include "design/optimiser.hpp"

namespace pco {
namespace {

// Two separate pairs of atoms: METIS refuses a contiguous partition of a disconnected graph
// and says so on standard output.
DesignProblem disconnected_problem() {
  DesignProblem p;
  for (int a = 0; a < 4; ++a) {
    Atom atom;
    atom.code = std::to_string(a);
    atom.population = 1000;
    p.atoms.atoms.push_back(atom);
  }
  p.graph.adjacent.resize(4);
  for (const auto& [a, b] : {std::pair<std::size_t, std::size_t>{0, 1}, {2, 3}}) {
    GraphEdge e;
    e.a = a;
    e.b = b;
    p.graph.adjacent[a].push_back(p.graph.edges.size());
    p.graph.adjacent[b].push_back(p.graph.edges.size());
    p.graph.edges.push_back(e);
  }
  p.total_population = 4000;
  p.min_pop = 1000;
  p.max_pop = 3000;
  return p;
}

TEST(MetisOutput, NothingReachesStandardOutput) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("pco_metis_stdout_" + std::to_string(::getpid()) + ".txt");
  std::fflush(stdout);
  const int saved = ::dup(STDOUT_FILENO);
  ASSERT_NE(std::freopen(file.c_str(), "w", stdout), nullptr);
  try {
    metis_seed(disconnected_problem(), 3, 1);
  } catch (const std::exception&) {  // METIS may refuse the graph; only its output matters here
  }
  std::fflush(stdout);
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  const auto captured = read_text_file(file);
  std::filesystem::remove(file);
  EXPECT_EQ(captured, "") << "METIS wrote to standard output";
}

}  // namespace
}  // namespace pco
