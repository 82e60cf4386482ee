#pragma once
// What each provider does, from NHS England's referral-to-treatment (RTT) full extract: the
// incomplete pathways (waiting list, RTT part 2) per provider and treatment function. Used to
// tell acute trusts (waiting lists across most specialties) from specialist, mental health,
// community and ambulance trusts, which the ODS trust list does not distinguish.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "readers/population_file.hpp"
#include "readers/rtt_extract.hpp"
#include "readers/trusts.hpp"

namespace pco {

struct ProviderActivity {
  std::string code;
  std::string name;
  std::int64_t incomplete = 0;                      // all treatment functions
  std::map<std::string, std::int64_t> by_function;  // treatment function code -> pathways
};

struct RttActivity {
  std::string period;  // e.g. "RTT-April-2026"
  std::unordered_map<std::string, ProviderActivity> providers;
  std::string source_file;
};

// The incomplete pathways (Part_2) of the extract per provider and treatment function, without
// the all-functions total C_999.
RttActivity rtt_activity(const RttExtract& extract);
// The extract read by parse_rtt_extract / read_rtt_extract (.csv or NHS England's .zip), which
// check every row of every part and list every problem at once, then summarised as above.
RttActivity parse_rtt_activity(const TextFile& file);
RttActivity read_rtt_activity_file(const std::filesystem::path& path);

struct ActivityRule {
  std::int64_t min_pathways = 100;  // a treatment function counts from this many pathways
  int acute_functions = 10;         // acute: waiting lists in at least this many functions
};

// Sets each trust's kind from its activity: waiting lists of at least `min_pathways` in at least
// `acute_functions` treatment functions -> acute; otherwise the kind its name gives, except that
// a name-acute trust becomes specialist when it has a waiting list in some function, acute when
// it reported no RTT rows at all but its name says HOSPITAL (a missing return), and `other`
// otherwise (mental health and community trusts keep no waiting lists). Trusts whose kind came
// from a kinds file are left alone. Returns the codes of the trusts with no RTT rows.
// docs/population.md ("The trust list") gives the measured result on the 2026 files.
std::vector<std::string> classify_trusts_by_activity(std::vector<Trust>& trusts,
                                                     const RttActivity& activity,
                                                     const ActivityRule& rule = {});

}  // namespace pco
