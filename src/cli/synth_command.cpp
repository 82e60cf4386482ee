#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "synth/synthetic_economy.hpp"

namespace pco::cli {

namespace {

struct SynthOptions {
  std::uint64_t seed = 1;
  std::int64_t practices = 1500;
  std::string out = "synthetic";
};

void run(const SynthOptions& o) {
  const SyntheticOptions options{o.seed, o.practices};
  const auto economy = generate_synthetic_economy(options);
  write_synthetic_economy(economy, options, o.out);

  std::vector<std::int64_t> lists;
  for (const auto& p : economy.population.practices())
    lists.push_back(p.list_size());
  std::sort(lists.begin(), lists.end());
  std::array<std::size_t, 4> kinds{};
  for (const auto k : economy.kinds)
    ++kinds[static_cast<std::size_t>(k)];
  std::size_t networks = 0, organisations = 0, regions = 0;
  std::string last_network, last_org, last_region;
  std::vector<std::string> seen[3];
  for (const auto& row : economy.mapping.rows) {
    for (int l = 0; l < 3; ++l)
      seen[l].push_back(row.orgs[l].code);
  }
  for (auto& s : seen) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
  networks = seen[0].size();
  organisations = seen[1].size();
  regions = seen[2].size();
  std::cout << fmt::format(
      "Synthetic economy, seed {}: {} practices, {} registered patients\n"
      "  list size: median {}, smallest {}, largest {}\n"
      "  places: {} urban, {} suburban, {} coastal, {} rural practices\n"
      "  {} networks, {} organisations, {} regions\n"
      "Written to {}: practices.csv, organisations.csv, locations.csv, scenario.toml\n",
      o.seed, lists.size(), economy.population.total_patients(), lists[lists.size() / 2],
      lists.front(), lists.back(), kinds[0], kinds[1], kinds[2], kinds[3], networks, organisations,
      regions, o.out);
}

}  // namespace

void add_synth_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SynthOptions>();
  auto* cmd = app.add_subcommand(
      "synth",
      "Generate the synthetic health economy (practices with age-sex lists, locations, "
      "networks, organisations and regions) deterministically from a seed, and write it as "
      "files with a scenario that reads them back.");
  cmd->add_option("--seed", options->seed, "Random seed (same seed, same economy)")
      ->capture_default_str();
  cmd->add_option("--practices", options->practices, "Number of practices (10 to 20,000)")
      ->capture_default_str();
  cmd->add_option("--out", options->out, "Directory to write the files to")->capture_default_str();
  cmd->callback([options, &exit_code] { exit_code = run_guarded([&] { run(*options); }); });
}

}  // namespace pco::cli
