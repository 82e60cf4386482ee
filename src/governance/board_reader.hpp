#pragma once
// Reads board members from CSV: one row per member, grouped into boards by organisation.

#include <string>
#include <string_view>
#include <vector>

#include "governance/board.hpp"

namespace pco {

inline constexpr std::string_view kBoardHeader =
    "organisation,name,role,profession,from_organisation,leads,appointment";

// Columns: organisation, name, role (required); profession, from_organisation, leads
// (sub-groups separated by ';'), appointment (fixed, secondment or project; default fixed).
// Throws InputError listing every problem, e.g. each member with an unknown role.
std::vector<Board> parse_board_members(std::string_view text, const std::string& file);
std::vector<Board> read_board_members(const std::string& path);

// Adds `more` to `boards`, appending members when an organisation already has a board.
void merge_boards(std::vector<Board>& boards, std::vector<Board> more);

}  // namespace pco
