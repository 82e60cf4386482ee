#pragma once
// Finding one organisation's figures in a stored run, for the report's sections.
#include <optional>
#include <string>
#include <vector>

#include "store/stored_run.hpp"

namespace pco {

const StoredOrganisation* find_organisation(const StoredRun& run, std::size_t level,
                                            const std::string& code);
const StoredAllocation* find_allocation(const StoredRun& run, std::size_t level,
                                        const std::string& code);
const HolderRisk* find_holder(const StoredRun& run, const std::string& level,
                              const std::string& code);
// The holder's simulated years in order (empty when the run simulated another level or none).
std::vector<const HolderYear*> simulated_years(const StoredRun& run, const std::string& level,
                                               const std::string& code);
// Each alternative's view of one status-quo organisation, with the alternative.
struct AlternativeView {
  const StoredAppraisalConfiguration* configuration = nullptr;
  const OrganisationView* view = nullptr;
};
std::vector<AlternativeView> appraisal_views(const StoredRun& run, const std::string& code);

// "SO001 Harrowfield PCO" (the code alone when the name is unknown or the same).
std::string organisation_label(const StoredRun& run, std::size_t level, const std::string& code);

}  // namespace pco
