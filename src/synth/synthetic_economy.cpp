#include "synth/synthetic_economy.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "model/reference_profile.hpp"
#include "synth/synthetic_land.hpp"

namespace pco {

namespace {

// Stream identifiers: each purpose draws from its own Philox stream so that changing one part
// of the generator (say, the number of towns) does not reshuffle every practice.
enum Stream : std::uint64_t { kTowns = 1, kPractice = 2, kStructure = 3, kOrganisations = 4 };

// The synthetic map: a box the size of a large English region (about 330 km north-south by
// 270 km east-west); its eastern edge is the coast.
constexpr double kLatMin = 51.0, kLatMax = 54.0;
constexpr double kLonMin = -3.0, kLonMax = 1.0;
constexpr double kKmPerDegLat = 111.2;
constexpr double kCoastStripDeg = 0.12;  // about 8 km

// List sizes: lognormal fitted to the Jan 2021 national file (median 7,930; sd of log list
// 0.59 for lists of 1,000+), plus a small share of single-handed-sized lists (4.4% of real
// practices had under 2,500 patients; 1.1% under 1,000).
constexpr double kListMedian = 7950.0;
constexpr double kListSdLog = 0.57;
constexpr double kSmallShare = 0.025;
constexpr double kSmallMin = 800.0, kSmallMax = 2500.0;
constexpr double kListMax = 90000.0;

// Relative weights of each quinary band against the national profile, by kind of place; the
// shapes follow the published contrasts between inner-city, coastal retirement and rural
// lists (more 20-39s in cities, up to twice the national share of 65+ on the coast).
//                                 0-4   5-9  10-14 15-19 20-24 25-29 30-34 35-39 40-44 45-49
//                                50-54 55-59 60-64 65-69 70-74 75-79 80-84 85-89 90-94 95+
constexpr std::array<std::array<double, kAgeBands>, 4> kBandTilt = {{
    {1.15, 1.00, 0.90, 0.95, 1.45, 1.60, 1.50, 1.30, 1.10, 0.95,
     0.85, 0.75, 0.65, 0.55, 0.50, 0.50, 0.50, 0.50, 0.50, 0.50},  // urban
    {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00,
     1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00},  // suburban
    {0.75, 0.80, 0.85, 0.85, 0.70, 0.65, 0.70, 0.75, 0.85, 0.95,
     1.10, 1.25, 1.45, 1.70, 1.80, 1.85, 1.90, 1.90, 1.90, 1.90},  // coastal
    {0.85, 0.95, 1.05, 1.00, 0.65, 0.65, 0.75, 0.90, 1.05, 1.20,
     1.30, 1.35, 1.35, 1.35, 1.30, 1.20, 1.15, 1.10, 1.10, 1.10},  // rural
}};

constexpr std::array<std::string_view, 48> kPlaceNames = {
    "Ashbury",     "Bramley",     "Caldmoor",     "Dunmere",    "Eastwick",     "Fellbridge",
    "Greyhaven",   "Harrowfield", "Ivybridge",    "Kestford",   "Langmoor",     "Marlow Vale",
    "Northcliff",  "Oakhampton",  "Pendle Cross", "Quarrymoor", "Redbrook",     "Saltmarsh",
    "Thornby",     "Upperton",    "Westerleigh",  "Yarwood",    "Alderholt",    "Birchfield",
    "Coldharbour", "Deepdale",    "Elmstead",     "Foxley",     "Gorsebrook",   "Hollins",
    "Kingsmere",   "Lowther",     "Millbeck",     "Netherby",   "Orwell Sands", "Pinewood",
    "Rushmere",    "Stonebridge", "Tidewater",    "Underhill",  "Whitcombe",    "Yewbank",
    "Brackenby",   "Cresswell",   "Drayford",     "Hawksmoor",  "Selbridge",    "Wrayton"};

// Compass names by the angle of a region's centre from the centre of the map, counter-clockwise
// from east in 45-degree sectors.
constexpr std::array<std::string_view, 8> kCompass = {"East", "North East", "North", "North West",
                                                      "West", "South West", "South", "South East"};
constexpr std::size_t kMaxRegions = 9;

struct Town {
  GeoPoint centre;
  double weight = 0;  // share of urban and suburban practices
  double radius_km = 0;
  std::string name;
};

std::vector<Town> make_towns(std::uint64_t seed, std::size_t count) {
  RandomStream rng(seed, kTowns);
  std::vector<Town> towns;
  for (std::size_t i = 0; i < count; ++i) {
    Town t;
    // Zipf-like sizes: the largest town is a city, the rest market towns.
    t.weight = 1.0 / static_cast<double>(i + 1);
    t.radius_km = 3.0 + 12.0 * std::sqrt(t.weight);
    t.centre = {kLatMin + 0.3 + rng.uniform() * (kLatMax - kLatMin - 0.6),
                kLonMin + 0.3 + rng.uniform() * (kLonMax - kLonMin - 0.6 - kCoastStripDeg)};
    t.name = std::string(kPlaceNames[i % kPlaceNames.size()]);
    towns.push_back(std::move(t));
  }
  return towns;
}

double km_per_deg_lon(double lat) {
  return kKmPerDegLat * std::cos(lat * 3.14159265358979323846 / 180.0);
}

GeoPoint clamp_to_map(GeoPoint p) {
  p.lat = std::clamp(p.lat, kLatMin, kLatMax);
  p.lon = std::clamp(p.lon, kLonMin, kLonMax);
  return p;
}

// Position along a Hilbert curve over the map: groups cut from consecutive runs of this order
// are compact and contiguous, as organisations built "from the small upwards" would be.
std::uint64_t hilbert_index(GeoPoint p) {
  constexpr std::uint32_t n = 1u << 16;
  auto x = static_cast<std::uint32_t>((p.lon - kLonMin) / (kLonMax - kLonMin) * (n - 1));
  auto y = static_cast<std::uint32_t>((p.lat - kLatMin) / (kLatMax - kLatMin) * (n - 1));
  std::uint64_t d = 0;
  for (std::uint32_t s = n / 2; s > 0; s /= 2) {
    const std::uint32_t rx = (x & s) ? 1 : 0;
    const std::uint32_t ry = (y & s) ? 1 : 0;
    d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

// Splits a run of practices (in curve order) into `parts` groups whose populations are close
// to `shares` of the total; every group gets at least one practice.
std::vector<std::size_t> cut_by_population(const std::vector<std::int64_t>& lists,
                                           const std::vector<double>& shares) {
  const std::size_t parts = std::min(shares.size(), lists.size());
  const double total = static_cast<double>(std::accumulate(lists.begin(), lists.end(), 0LL));
  const double share_total = std::accumulate(shares.begin(), shares.begin() + parts, 0.0);
  std::vector<std::size_t> group(lists.size());
  double cumulative = 0, boundary = shares[0] / share_total * total;
  std::size_t g = 0;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    const double mid = cumulative + 0.5 * static_cast<double>(lists[i]);
    const std::size_t left = lists.size() - i;  // practices still to place
    const std::size_t groups_left = parts - g;  // groups still to fill, this one included
    const bool current_has_members = i > 0 && group[i - 1] == g;
    if (g + 1 < parts && current_has_members && (mid > boundary || left < groups_left)) {
      ++g;
      boundary += shares[g] / share_total * total;
    }
    group[i] = g;
    cumulative += static_cast<double>(lists[i]);
  }
  return group;
}

CellCounts structure_for(PlaceKind kind, std::int64_t list, RandomStream& rng) {
  const auto& profile = national_reference_profile();
  CellValues weights{};
  // Each practice wanders from its kind's shape band by band (sd 10% on the log scale), so
  // no two lists look alike.
  std::array<double, kAgeBands> noise{};
  for (auto& n : noise)
    n = std::exp(0.10 * rng.normal());
  for (int c = 0; c < kCells; ++c) {
    const int band = cell_band(c);
    weights[c] = profile[c] * kBandTilt[static_cast<int>(kind)][band] * noise[band];
  }
  CellCounts counts{};
  spread_count(list, 0, kCells - 1, weights, counts);
  return counts;
}

// Names each region after where its population sits on the map ("Central" near the middle),
// numbering repeats so names stay unique.
std::vector<std::string> region_names(const std::vector<std::size_t>& region_of,
                                      const std::vector<std::size_t>& order,
                                      const std::vector<GeoPoint>& where,
                                      const std::vector<std::int64_t>& lists, std::size_t regions) {
  std::vector<double> lat(regions), lon(regions), weight(regions);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto r = region_of[k];
    const auto w = static_cast<double>(lists[order[k]]);
    lat[r] += w * where[order[k]].lat;
    lon[r] += w * where[order[k]].lon;
    weight[r] += w;
  }
  const double mid_lat = 0.5 * (kLatMin + kLatMax), mid_lon = 0.5 * (kLonMin + kLonMax);
  std::vector<std::string> names, bases;
  for (std::size_t r = 0; r < regions; ++r) {
    const double dy = (lat[r] / weight[r] - mid_lat) * kKmPerDegLat;
    const double dx = (lon[r] / weight[r] - mid_lon) * km_per_deg_lon(mid_lat);
    std::string name = "Central";
    if (std::hypot(dx, dy) > 40.0) {
      const double turns = std::atan2(dy, dx) / (2 * 3.14159265358979323846);
      const auto sector = static_cast<std::size_t>(std::llround(turns * 8 + 8)) % 8;
      name = std::string(kCompass[sector]);
    }
    const auto repeats = std::count(bases.begin(), bases.end(), name);
    names.push_back(repeats ? fmt::format("{} {}", name, repeats + 1) : name);
    bases.push_back(std::move(name));
  }
  return names;
}

std::string practice_code(std::size_t i) {
  return fmt::format("S{:05d}", i + 1);
}

}  // namespace

std::string_view place_kind_label(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::urban:
      return "urban";
    case PlaceKind::suburban:
      return "suburban";
    case PlaceKind::coastal:
      return "coastal";
    case PlaceKind::rural:
      return "rural";
  }
  return "unknown";
}

SyntheticEconomy generate_synthetic_economy(const SyntheticOptions& options) {
  if (options.practices < 10 || options.practices > 20000) {
    throw UsageError(fmt::format(
        "a synthetic economy needs between 10 and 20,000 practices; got {}", options.practices));
  }
  const auto n = static_cast<std::size_t>(options.practices);
  const auto towns =
      make_towns(options.seed, std::clamp<std::size_t>(n / 40, 3, kPlaceNames.size()));
  double town_weight = 0;
  for (const auto& t : towns)
    town_weight += t.weight;

  SyntheticEconomy economy;
  std::vector<GeoPoint> where(n);
  std::vector<std::int64_t> lists(n);
  std::vector<std::string> names(n);
  for (std::size_t i = 0; i < n; ++i) {
    RandomStream rng(options.seed, kPractice, i);
    PlaceKind kind;
    GeoPoint p;
    std::string place;
    const double u = rng.uniform();
    if (u < 0.14) {  // along the coast
      kind = PlaceKind::coastal;
      p = {kLatMin + rng.uniform() * (kLatMax - kLatMin), kLonMax - rng.uniform() * kCoastStripDeg};
      place = std::string(kPlaceNames[(i * 7) % kPlaceNames.size()]) + " on Sea";
    } else if (u < 0.30) {  // open country
      kind = PlaceKind::rural;
      p = {kLatMin + rng.uniform() * (kLatMax - kLatMin),
           kLonMin + rng.uniform() * (kLonMax - kLonMin - kCoastStripDeg)};
      place = std::string(kPlaceNames[(i * 11) % kPlaceNames.size()]) + " Villages";
    } else {  // in a town, chosen in proportion to its size
      double pick = rng.uniform() * town_weight;
      std::size_t t = 0;
      while (t + 1 < towns.size() && pick >= towns[t].weight) {
        pick -= towns[t].weight;
        ++t;
      }
      const auto& town = towns[t];
      const double r_km = town.radius_km * std::sqrt(-2.0 * std::log(1.0 - rng.uniform()) / 2.0);
      const double angle = 2 * 3.14159265358979323846 * rng.uniform();
      p = {town.centre.lat + r_km * std::sin(angle) / kKmPerDegLat,
           town.centre.lon + r_km * std::cos(angle) / km_per_deg_lon(town.centre.lat)};
      // Inner parts of the big towns are young and urban; the rest suburban.
      kind = (t < 3 && r_km < 0.6 * town.radius_km) ? PlaceKind::urban : PlaceKind::suburban;
      place = town.name;
    }
    where[i] = clamp_to_map(p);
    const double list = rng.uniform() < kSmallShare
                            ? kSmallMin + rng.uniform() * (kSmallMax - kSmallMin)
                            : std::min(kListMax, rng.lognormal(std::log(kListMedian), kListSdLog));
    lists[i] = static_cast<std::int64_t>(std::llround(list));
    economy.kinds.push_back(kind);
    names[i] = fmt::format("{} {}", place, lists[i] < 2500 ? "Surgery" : "Medical Practice");
  }

  for (std::size_t i = 0; i < n; ++i) {
    RandomStream rng(options.seed, kStructure, i);
    Practice practice;
    practice.code = practice_code(i);
    practice.name = names[i];
    practice.counts = structure_for(economy.kinds[i], lists[i], rng);
    practice.status = PracticeStatus::active;
    practice.location = where[i];
    practice.source = fmt::format("synthetic economy (seed {})", options.seed);
    economy.population.add(std::move(practice));
  }
  economy.population.extract_date = "2026-04-01";

  // Regions of about 2 million, organisations of 120k-240k, networks of about 40k, each cut
  // from consecutive runs of the Hilbert order so every group is compact.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::uint64_t> curve(n);
  for (std::size_t i = 0; i < n; ++i)
    curve[i] = hilbert_index(where[i]);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return curve[a] < curve[b]; });
  std::vector<std::int64_t> ordered_lists(n);
  for (std::size_t k = 0; k < n; ++k)
    ordered_lists[k] = lists[order[k]];
  const double total = static_cast<double>(std::accumulate(lists.begin(), lists.end(), 0LL));

  const auto regions = static_cast<std::size_t>(
      std::clamp(std::llround(total / 2.0e6), 1LL, static_cast<long long>(kMaxRegions)));
  const auto region_of = cut_by_population(ordered_lists, std::vector<double>(regions, 1.0));
  const auto region_name = region_names(region_of, order, where, lists, regions);

  economy.mapping.levels = {"network", "organisation", "region"};
  economy.mapping.source_file = "synthetic economy";
  economy.mapping.rows.resize(n);
  RandomStream org_rng(options.seed, kOrganisations);
  std::size_t org_count = 0, network_count = 0;
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin;
    while (end < n && region_of[end] == region_of[begin])
      ++end;
    const std::vector<std::int64_t> region_lists(ordered_lists.begin() + begin,
                                                 ordered_lists.begin() + end);
    const double region_total = std::accumulate(region_lists.begin(), region_lists.end(), 0.0);
    const auto orgs = static_cast<std::size_t>(std::max(1LL, std::llround(region_total / 175e3)));
    std::vector<double> shares(orgs);
    for (auto& s : shares)
      s = 0.7 + 0.6 * org_rng.uniform();
    const auto org_of = cut_by_population(region_lists, shares);
    const std::size_t r = region_of[begin];
    const OrgRef region{fmt::format("SR{}", r + 1), region_name[r]};

    for (std::size_t ob = 0; ob < region_lists.size();) {
      std::size_t oe = ob;
      while (oe < region_lists.size() && org_of[oe] == org_of[ob])
        ++oe;
      const std::vector<std::int64_t> org_lists(region_lists.begin() + ob,
                                                region_lists.begin() + oe);
      const double org_total = std::accumulate(org_lists.begin(), org_lists.end(), 0.0);
      const auto networks = static_cast<std::size_t>(std::max(1LL, std::llround(org_total / 40e3)));
      const auto network_of = cut_by_population(org_lists, std::vector<double>(networks, 1.0));
      const auto& place = kPlaceNames[org_count % kPlaceNames.size()];
      const OrgRef org{fmt::format("SO{:03d}", org_count + 1),
                       org_count < kPlaceNames.size()
                           ? fmt::format("{} PCO", place)
                           : fmt::format("{} {} PCO", place, org_count / kPlaceNames.size() + 1)};
      for (std::size_t k = 0; k < org_lists.size(); ++k) {
        const std::size_t practice = order[begin + ob + k];
        const std::size_t net = network_count + network_of[k];
        auto& row = economy.mapping.rows[practice];
        row.practice = practice_code(practice);
        row.orgs = {{fmt::format("SN{:04d}", net + 1),
                     fmt::format("{} network {}", place, network_of[k] + 1)},
                    org,
                    region};
        row.source = economy.mapping.source_file;
      }
      network_count += networks;
      ++org_count;
      ob = oe;
    }
    begin = end;
  }
  return economy;
}

void write_synthetic_economy(const SyntheticEconomy& economy, const SyntheticOptions& options,
                             const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::string cells = "practice,sex,age_band,count\n";
  std::string locations = "practice,lat,lon\n";
  for (const auto& p : economy.population.practices()) {
    for (int c = 0; c < kCells; ++c) {
      cells += fmt::format("{},{},{},{}\n", p.code, sex_label(cell_sex(c)),
                           age_band_label(cell_band(c)), p.counts[c]);
    }
    locations += fmt::format("{},{:.6f},{:.6f}\n", p.code, p.location->lat, p.location->lon);
  }
  std::string orgs =
      "practice,practice_name,network,network_name,organisation,organisation_name,region,"
      "region_name\n";
  for (std::size_t i = 0; i < economy.mapping.rows.size(); ++i) {
    const auto& row = economy.mapping.rows[i];
    orgs += fmt::format("{},\"{}\"", row.practice, economy.population.practices()[i].name);
    for (const auto& o : row.orgs)
      orgs += fmt::format(",{},\"{}\"", o.code, o.name);
    orgs += '\n';
  }
  const std::string scenario = fmt::format(
      "# Written by pco synth --seed {0} --practices {1}: the synthetic economy as files.\n"
      "schema_version = 1\n"
      "name = \"Synthetic economy (seed {0})\"\n"
      "seed = {0}\n\n"
      "[population]\n"
      "files = [\"practices.csv\"]\n"
      "locations = \"locations.csv\"\n\n"
      "[configuration]\n"
      "map = \"organisations.csv\"\n"
      "level = \"organisation\"\n\n"
      "# The economy's land, so that maps draw organisations as areas (docs/synthetic.md)\n"
      "[report]\n"
      "boundaries = \"land.geojson\"\n",
      options.seed, options.practices);
  write_file_atomically(dir / "practices.csv", cells);
  write_file_atomically(dir / "organisations.csv", orgs);
  write_file_atomically(dir / "locations.csv", locations);
  write_file_atomically(dir / "land.geojson",
                        land_geojson(synthetic_land_outline(options.seed), "LAND",
                                     fmt::format("Synthetic land (seed {})", options.seed)));
  write_file_atomically(dir / "scenario.toml", scenario);
}

}  // namespace pco
