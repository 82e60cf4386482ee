#pragma once
// Tables of an appraisal (its JSON: appraisal/appraisal_json.hpp): configurations side by side
// (rows metrics, columns configurations), per-organisation detail, the year-by-year cash flow and
// the tornado.
#include <string>

#include <nlohmann/json.hpp>

#include "appraisal/appraisal.hpp"
#include "appraisal/appraisal_json.hpp"
#include "core/table.hpp"

namespace pco {

TextTable appraisal_side_by_side(const AppraisalResults& results);
// `for_csv`: probabilities as numbers (2.63e-05) rather than as read ("< 0.1%").
TextTable appraisal_organisations(const AppraisalResults& results, bool for_csv);
TextTable appraisal_tornado(const AppraisalResults& results);
// One status-quo organisation's own part of each alternative (rows: what changes for it, its
// risk and costs before → after, its NPV with uncertainty; columns: alternatives).
TextTable appraisal_focus_table(const AppraisalResults& results, const std::string& code);
// The tables as text with headings, for the terminal; with `focus`, that organisation's own
// part first and the national tables second.
std::string appraisal_text(const AppraisalResults& results, bool detail,
                           const std::string& focus = "");

}  // namespace pco
