#pragma once
// The 2025/26 structure of NHS England's ICB allocations as a pco formula: three funding
// streams with their own quanta (core services, primary medical care, running costs), the core
// stream split into its need components (general and acute, community, mental health,
// maternity, health inequalities and unmet need, prescribing) on NHS England's own practice
// weighted populations, a cost adjustment standing in for the market forces factor and the
// emergency ambulance cost adjustment, and the primary medical care stream on NHS England's
// primary medical care weighted population. docs/allocation.md ("The 2025/26 allocation
// structure") gives every default and its source, and says which are stand-ins.

#include <cstdint>
#include <string_view>

#include "allocation/formula.hpp"
#include "allocation/weighted_need.hpp"

namespace pco {

inline constexpr std::string_view kNhs202526 = "nhs_2025_26";

// Per head of registered population, pence. Core services and primary medical care: the House
// of Commons Library's figures for 2024/25 ICB allocations (£1,732 and about £180 a head;
// research briefing CBP-10031); running costs: NHS England's 2025 target of £18.76 a head.
inline constexpr std::int64_t kCorePerHeadPence = 173'200;
inline constexpr std::int64_t kPrimaryMedicalCarePerHeadPence = 18'000;
inline constexpr std::int64_t kRunningCostPerHeadPence = 1'876;

// The formula: streams core / primary_medical_care / running_costs, per-head quanta as above;
// core component shares and the per-ICB cost adjustment implied by the file
// (implied_core_structure), recorded in `formula.implied`.
Formula nhs_2025_26_formula(const WeightedNeed& weighted, const Population& population);

}  // namespace pco
