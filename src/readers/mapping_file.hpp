#pragma once
// Readers for practice-to-organisation mappings.

#include <filesystem>
#include <string>
#include <vector>

#include "model/mapping.hpp"
#include "readers/population_file.hpp"

namespace pco {

// NHS Digital's practice -> PCN -> CCG/sub-ICB -> STP/ICB -> region file (the 2020 layout and
// the ICB-era layout). Levels: network, ccg|sub_icb, stp|icb, region. A practice outside any
// real PCN (PCN_CODE "U") becomes a network of its own, coded "U-<practice>".
MappingTable parse_nhs_practice_map(const TextFile& file);

// Membership files may carry valid_from / valid_to columns (dates, both days included; empty:
// open-ended), so that a practice can have one row per period of membership (see
// model/dated_mapping.hpp).
//
// practice,org[,parent_org] with optional org_name and parent_org_name columns. Level names
// default to "organisation" and "parent".
MappingTable parse_membership(const TextFile& file, std::string org_level = "organisation",
                              std::string parent_level = "parent");

// practice, then one code column per level bottom-up, each optionally followed by its
// <level>_name column (e.g. practice,network,network_name,organisation,region); the level
// names are the column names. A practice_name column is allowed and ignored.
MappingTable parse_level_columns(const TextFile& file);

// Recognises each layout from its header.
MappingTable read_mapping_file(const std::filesystem::path& path);
MappingTable read_mapping(const TextFile& file);

}  // namespace pco
