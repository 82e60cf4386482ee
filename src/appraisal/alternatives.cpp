#include "appraisal/alternatives.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "economy/load_economy.hpp"
#include "model/dated_mapping.hpp"
#include "readers/mapping_file.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

std::vector<std::string> strings(const toml::table& t, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* arr = t.get_as<toml::array>(key))
    for (const auto& v : *arr)
      if (auto s = v.value<std::string>()) out.push_back(*s);
  return out;
}

std::string string_or(const toml::table& t, std::string_view key, std::string fallback) {
  return t[key].value<std::string>().value_or(std::move(fallback));
}

struct Reader {
  const Scenario& scenario;
  const Economy& economy;
  std::string file;
  DiagnosticList problems;

  void problem(const toml::node& node, const std::string& path, std::string value,
               std::string expected) {
    problems.add(toml_diagnostic(node, file, path, std::move(value), std::move(expected)));
  }

  void check_functions(const toml::table& t, const std::string& path) {
    const auto* arr = t.get_as<toml::array>("shared_functions");
    if (!arr) return;
    for (const auto& v : *arr) {
      const auto f = v.value<std::string>().value_or("");
      if (std::find(kShareableFunctions.begin(), kShareableFunctions.end(), f) ==
          kShareableFunctions.end())
        problem(v, path + ".shared_functions", f,
                "one of management, commissioning, public_health, back_office");
    }
  }

  // Validates the edits before applying any, so that every problem is listed at once.
  void read_edits(const toml::table& t, const std::string& path, CandidateConfiguration& c) {
    const auto& level = c.configuration.level(c.level);
    std::set<std::string> known;
    for (const auto& o : level.organisations)
      known.insert(o.code);
    std::map<std::string, std::string> merged_into;
    bool edits_ok = true;
    if (const auto* merges = t.get_as<toml::array>("merge")) {
      for (std::size_t i = 0; i < merges->size(); ++i) {
        const auto* m = (*merges)[i].as_table();
        if (!m) continue;
        const auto mpath = fmt::format("{}.merge[{}]", path, i);
        const auto codes = strings(*m, "codes");
        const auto code = string_or(*m, "code", "");
        if (codes.size() < 2) {
          problem(*m, mpath + ".codes", fmt::format("{} organisation(s)", codes.size()),
                  "at least two organisations to merge");
          edits_ok = false;
        }
        for (const auto& k : codes) {
          if (known.count(k) == 0) {
            problem(*m->get("codes"), mpath + ".codes", k,
                    fmt::format("a code of the {} level", c.level));
            edits_ok = false;
          } else if (merged_into.count(k) != 0) {
            problem(*m->get("codes"), mpath + ".codes", k,
                    fmt::format("each organisation in one merge only ({} is already merged "
                                "into {}, so its practices would be in two organisations)",
                                k, merged_into[k]));
            edits_ok = false;
          } else {
            merged_into[k] = code;
          }
        }
        if (known.count(code) != 0 && std::find(codes.begin(), codes.end(), code) == codes.end()) {
          problem(*m->get("code"), mpath + ".code", code,
                  "a new code, or the code of one of the merged organisations");
          edits_ok = false;
        }
      }
      if (edits_ok) {
        for (const auto& node : *merges) {
          const auto& m = *node.as_table();
          c.configuration.merge(c.level, strings(m, "codes"), string_or(m, "code", ""),
                                string_or(m, "name", ""));
        }
      }
    }
    std::set<std::string> now;
    for (const auto& o : c.configuration.level(c.level).organisations)
      now.insert(o.code);
    // When the merges were not applied, later edits may still name their new codes.
    if (const auto* merges = t.get_as<toml::array>("merge"); merges && !edits_ok)
      for (const auto& node : *merges)
        if (const auto* m = node.as_table()) now.insert(string_or(*m, "code", ""));
    if (const auto* moves = t.get_as<toml::array>("move")) {
      for (std::size_t i = 0; i < moves->size(); ++i) {
        const auto* m = (*moves)[i].as_table();
        if (!m) continue;
        const auto mpath = fmt::format("{}.move[{}]", path, i);
        const auto practice = string_or(*m, "practice", "");
        const auto to = string_or(*m, "to", "");
        const auto p = economy.population.index_of(practice);
        bool ok = true;
        if (!p || !c.configuration.is_mapped(*p)) {
          problem(*m->get("practice"), mpath + ".practice", practice,
                  "a practice code of the configuration");
          ok = false;
        }
        if (now.count(to) == 0) {
          problem(*m->get("to"), mpath + ".to", to,
                  fmt::format("a code of the {} level (after merges)", c.level));
          ok = false;
        }
        if (ok && edits_ok)
          c.configuration.move_practice(economy.population, practice, c.level, to);
      }
    }
    read_federations(t, path, c, now);
  }

  void read_federations(const toml::table& t, const std::string& path, CandidateConfiguration& c,
                        const std::set<std::string>& known) {
    std::map<std::string, std::string> member_of;
    const auto add = [&](Federation f, const toml::node& node, const std::string& fpath) {
      bool ok = true;
      if (f.members.size() < 2) {
        problem(node, fpath + ".members", fmt::format("{} member(s)", f.members.size()),
                "a federation of at least two organisations");
        ok = false;
      }
      for (const auto& m : f.members) {
        if (known.count(m) == 0) {
          problem(node, fpath + ".members", m,
                  fmt::format("a code of the {} level (after merges)", c.level));
          ok = false;
        } else if (member_of.count(m) != 0) {
          problem(node, fpath + ".members", m,
                  fmt::format("each organisation in one federation only ({} is already in {})", m,
                              member_of[m]));
          ok = false;
        } else {
          member_of[m] = f.code;
        }
      }
      if (ok) c.federations.push_back(std::move(f));
    };
    if (const auto* feds = t.get_as<toml::array>("federation")) {
      for (std::size_t i = 0; i < feds->size(); ++i) {
        const auto* f = (*feds)[i].as_table();
        if (!f) continue;
        const auto fpath = fmt::format("{}.federation[{}]", path, i);
        check_functions(*f, fpath);
        const auto code = string_or(*f, "code", "");
        add(Federation{code, string_or(*f, "name", code), c.level, strings(*f, "members"),
                       strings(*f, "shared_functions"),
                       (*f)["shared_risk_pool"].value<bool>().value_or(false)},
            *f, fpath);
      }
    }
    const auto within = t["federate_within"].value<std::string>();
    if (!within) return;
    const auto* node = t.get("federate_within");
    const auto above = c.configuration.level_index(*within);
    const auto own = c.configuration.level_index(c.level);
    if (!above || *above <= *own) {
      problem(*node, path + ".federate_within", *within, fmt::format("a level above {}", c.level));
      return;
    }
    // Each organisation joins the federation of the higher-level organisation holding its
    // practices (the first practice decides for the rare straddler).
    std::map<int, std::vector<std::string>> groups;
    const auto& lv = c.configuration.level(c.level);
    for (const auto& o : lv.organisations) {
      if (o.members.empty() || member_of.count(o.code) != 0) continue;
      groups[c.configuration.member_of(*above, o.members.front())].push_back(o.code);
    }
    const auto& top = c.configuration.levels()[*above];
    for (const auto& [parent, members] : groups) {
      if (members.size() < 2 || parent < 0) continue;  // a lone organisation stays as it is
      const auto& p = top.organisations[static_cast<std::size_t>(parent)];
      add(Federation{p.code, p.name, c.level, members, strings(t, "shared_functions"),
                     t["shared_risk_pool"].value<bool>().value_or(false)},
          *node, path + ".federate_within");
    }
  }

  CandidateConfiguration read_alternative(const toml::table& t, std::size_t i,
                                          const std::string& default_level) {
    const auto path = fmt::format("appraisal.alternative[{}]", i);
    CandidateConfiguration c;
    c.name = string_or(t, "name", fmt::format("alternative {}", i + 1));
    c.description = string_or(t, "description", "");
    check_functions(t, path);
    if (const auto membership = t["membership"].value<std::string>()) {
      if (t.contains("level"))
        problem(*t.get("level"), path + ".level", *t["level"].value<std::string>(),
                "either level or membership, not both");
      auto p = std::filesystem::path(*membership);
      if (p.is_relative() && !scenario.file.empty()) p = scenario.file.parent_path() / p;
      const auto mapping = parse_membership({p.string(), read_text_file(p)}, "organisation");
      JoinReport report;
      c.configuration = Configuration::build(economy.population, mapping, report);
      c.level = "organisation";
    } else {
      c.configuration = economy.configuration;
      if (const auto as_of = t["as_of"].value<std::string>()) {
        // The configuration the scenario's own inputs give on that date (map series, dated
        // membership, dated edits), on the same population.
        Scenario dated = scenario;
        try {
          dated.configuration.as_of = parse_iso_date(*as_of, path + ".as_of");
        } catch (const UsageError&) {
          problem(*t.get("as_of"), path + ".as_of", *as_of, "a date such as 2026-04-01");
          return c;
        }
        const auto other = load_economy(dated);
        if (other.population.size() != economy.population.size())
          throw UsageError(path + ".as_of: the population changed while the scenario was read");
        c.configuration = other.configuration;
      }
      c.level = string_or(t, "level", default_level);
      if (!c.configuration.level_index(c.level)) {
        std::vector<std::string> names;
        for (const auto& l : c.configuration.levels())
          names.push_back(l.name);
        problem(t.contains("level") ? *t.get("level") : static_cast<const toml::node&>(t),
                path + ".level", c.level,
                fmt::format("a level of the configuration ({})", fmt::join(names, ", ")));
        return c;
      }
    }
    read_edits(t, path, c);
    return c;
  }
};

}  // namespace

std::vector<CandidateConfiguration> read_candidates(const Scenario& scenario,
                                                    const Economy& economy) {
  Reader reader{scenario, economy, scenario.file.string(), {}};
  std::vector<CandidateConfiguration> out;
  const auto* section = scenario.table.get_as<toml::table>("appraisal");
  CandidateConfiguration sq;
  sq.name = section ? string_or(*section, "status_quo", "status quo") : "status quo";
  sq.level = economy.default_level;
  if (section) {
    if (const auto level = (*section)["level"].value<std::string>()) {
      if (economy.configuration.level_index(*level))
        sq.level = *level;
      else
        reader.problem(*section->get("level"), "appraisal.level", *level,
                       "a level of the configuration");
    }
  }
  sq.configuration = economy.configuration;
  sq.status_quo = true;
  for (const auto& f : economy.configuration.federations())
    if (f.level == sq.level) sq.federations.push_back(f);
  const std::string sq_level = sq.level;
  out.push_back(std::move(sq));
  if (section) {
    if (const auto* alts = section->get_as<toml::array>("alternative")) {
      for (std::size_t i = 0; i < alts->size(); ++i)
        if (const auto* t = (*alts)[i].as_table())
          out.push_back(reader.read_alternative(*t, i, sq_level));
    }
  }
  reader.problems.throw_if_any();
  return out;
}

}  // namespace pco
