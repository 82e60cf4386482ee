#include "report/run_areas.hpp"

namespace pco {

RunAreas run_areas(const StoredRun& run, std::size_t level) {
  std::vector<LocatedPractice> located;
  std::size_t approximate = 0;
  for (const auto& p : run.practices) {
    if (!p.lat || !p.lon || p.organisation[level].empty()) continue;
    located.push_back({{*p.lat, *p.lon}, p.organisation[level], p.list_size});
    approximate += p.location_approximate ? 1 : 0;
  }
  RunAreas result{{}, approximate};
  if (!located.empty()) result.areas = organisation_areas(located, run.boundaries);
  return result;
}

}  // namespace pco
