#pragma once
// The ODS trust file (etr): NHS trusts and foundation trusts, no header, 27 quoted columns as
// the ODS practice file. A clean reader for every part of pco that needs providers (ICB design
// rules, commissioning): codes, names, the ICB each trust is mapped to, postcode, open and close
// dates, and an approximate location from the postcode district (the file has no coordinates).
// docs/population.md ("The trust list").

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/population.hpp"
#include "readers/locations.hpp"
#include "readers/population_file.hpp"

namespace pco {

// What kind of care a trust mainly provides. The etr file does not say; see classify_trust.
// `other`: not acute and not otherwise identified (e.g. a trust with no waiting list whose name
// does not say what it does: in practice mental health or community trusts).
enum class TrustKind : std::uint8_t {
  acute,
  specialist,
  mental_health,
  community,
  ambulance,
  other
};

std::string_view trust_kind_label(TrustKind kind);  // "acute", "specialist", ...
std::optional<TrustKind> parse_trust_kind(std::string_view text);

struct Trust {
  std::string code;
  std::string name;
  std::string region;      // national grouping (column 3), e.g. Y56
  std::string icb;         // high-level health geography (column 4): the ICB the trust is mapped to
  std::string postcode;    // column 10
  std::string open_date;   // ISO, or empty
  std::string close_date;  // ISO, or empty
  TrustKind kind = TrustKind::acute;
  bool kind_from_file = false;       // set by a kinds file rather than by the name
  std::optional<GeoPoint> location;  // postcode-district centroid (approximate)
  std::string source;                // "file:line"

  // Open on `date` (ISO): opened on or before it and not closed before it.
  bool open_on(std::string_view date) const;
  // Not closed (whatever the date).
  bool is_open() const { return close_date.empty(); }
};

// Reads the etr layout. Throws InputError listing every bad row (wrong field count, bad dates,
// empty code, a code twice).
std::vector<Trust> parse_etr(const TextFile& file);
std::vector<Trust> read_etr_file(const std::filesystem::path& path);

// The kind a trust's name suggests: ambulance ("AMBULANCE"), mental health (names of mental
// health, "PARTNERSHIP", "CARE" and similar trusts), community ("COMMUNITY"), specialist (single-
// specialty hospitals: children's, orthopaedic, eye, cancer, heart and chest, women's,
// neurology), else acute. A heuristic: docs/population.md gives its rules and its measured
// agreement with the trusts' referral-to-treatment activity; override with a kinds file.
TrustKind classify_trust(std::string_view name);

// code,kind (kind: acute, specialist, mental_health, community, ambulance, other). Unknown trust
// codes and bad kinds are errors listed at once; trusts not in the file keep their name's kind.
void apply_trust_kinds(std::vector<Trust>& trusts, const TextFile& file);

// Places each trust at its postcode district's centroid; returns the codes left unplaced.
std::vector<std::string> locate_trusts(std::vector<Trust>& trusts,
                                       const PostcodeDistricts& districts);

// The trusts open on `date` (ISO; empty: open now, i.e. without a close date).
std::vector<Trust> open_trusts(const std::vector<Trust>& trusts, std::string_view date = {});

}  // namespace pco
