#pragma once
// A practice need index from NHS England's "NHS Payments to General Practice" file: the
// Carr-Hill weighted list divided by the registered list (the workload index behind the GMS
// global sum). See docs/allocation.md ("Carr-Hill need from the payments file").

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "model/population.hpp"
#include "readers/population_file.hpp"

namespace pco {

// True when the header line is that of the payments file.
bool is_payments_file(std::string_view text);

// Need per population practice (1 where the file has no usable row). Bad numbers are added to
// `problems`; practices of the file that are not in the population, and population practices
// without a row, are expected (the files are of different dates) and described in `notes`.
std::vector<double> read_carr_hill_need(const TextFile& file, const Population& population,
                                        DiagnosticList& problems, std::vector<std::string>& notes);

}  // namespace pco
