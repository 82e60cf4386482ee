#include "commissioning/commissioning_model.hpp"

#include <fmt/format.h>

#include "commissioning/provider_sources.hpp"
#include "commissioning/synthetic_providers.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "readers/locations.hpp"

namespace pco {

namespace {

TextFile text_file(const std::filesystem::path& path) {
  return TextFile{path.string(), read_text_file(path)};
}

void apply_patches(ProviderSet& providers, const std::vector<ProviderPatch>& patches,
                   const PostcodeDistricts* districts, const std::string& file,
                   DiagnosticList& problems) {
  for (const auto& patch : patches) {
    Provider p;
    if (const auto* existing = providers.find(patch.code)) {
      p = *existing;
    } else {
      p.code = patch.code;
      p.name = patch.code;
      if (!patch.kind)
        problems.add(
            {file, patch.line, patch.column, "provider.kind", patch.code,
             "a kind for a provider not read from a file (" + provider_kind_choices() + ")"});
      p.nhs = patch.kind && *patch.kind != ProviderKind::independent;
    }
    if (patch.name) p.name = *patch.name;
    if (patch.kind) p.kind = *patch.kind;
    if (patch.location) {
      p.location = patch.location;
      p.location_is_approximate = false;
    } else if (patch.postcode) {
      const auto it = districts ? districts->find(outward_code(*patch.postcode))
                                : PostcodeDistricts::const_iterator{};
      if (districts == nullptr || it == districts->end()) {
        problems.add({file, patch.line, patch.column, "provider.postcode", *patch.postcode,
                      districts == nullptr
                          ? "lat and lon (no postcode districts are given to place a postcode)"
                          : "a postcode in a known postcode district"});
      } else {
        p.location = it->second;
        p.location_is_approximate = true;
      }
    }
    if (patch.cost_ratio) p.cost_ratio = *patch.cost_ratio;
    if (patch.attraction) p.attraction = *patch.attraction;
    if (patch.nhs) p.nhs = *patch.nhs;
    p.source = fmt::format("{}:{}", file, patch.line);
    providers.add_or_replace(std::move(p));
  }
}

// Runs `read`, adding its InputError's problems to `problems` instead of throwing.
template <typename Read>
void collect(DiagnosticList& problems, const Read& read) {
  try {
    read();
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics())
      problems.add(d);
  }
}

void check_references(const CommissioningInputs& inputs, const ProviderSet& providers,
                      DiagnosticList& problems) {
  const std::string expected =
      "a provider defined by the scenario (trusts, RTT extract, providers file, [[provider]] or "
      "the synthetic economy's)";
  for (const auto& c : inputs.contracts)
    if (!c.provider.empty() && !providers.find(c.provider))
      problems.add({inputs.file, c.line, c.column, "contract.provider", c.provider, expected});
  for (const auto& s : inputs.shifts)
    if (!s.to_provider.empty() && !providers.find(s.to_provider))
      problems.add(
          {inputs.file, s.line, s.column, "pathway_shift.to_provider", s.to_provider, expected});
}

}  // namespace

CommissioningModel load_commissioning_model(const Scenario& scenario, const Economy& economy,
                                            const ServiceModel& model,
                                            const CommissioningInputs& inputs,
                                            DiagnosticList& problems) {
  CommissioningModel out;
  out.level = inputs.level.empty() ? economy.default_level : inputs.level;
  if (out.level != kPracticeLevel && out.level != kNationalLevel)
    economy.configuration.level(resolve_level(out.level, economy.default_level));  // throws
  std::optional<PostcodeDistricts> districts;
  if (const auto& d = inputs.postcode_districts ? inputs.postcode_districts
                                                : scenario.population.postcode_districts)
    districts = parse_postcode_districts(text_file(*d));
  const PostcodeDistricts* district_ptr = districts ? &*districts : nullptr;
  if (inputs.rtt) out.rtt = read_rtt_extract(*inputs.rtt);
  ProviderLoadNotes notes;
  if (inputs.synthetic_providers) {
    for (auto& p : grow_synthetic_providers(economy.population))
      out.providers.add_or_replace(std::move(p));
    notes.notes.push_back(
        fmt::format("{} providers grown from the synthetic economy", out.providers.size()));
  }
  if (inputs.trusts)
    add_trusts(out.providers, parse_etr(text_file(*inputs.trusts)), district_ptr,
               out.rtt ? &*out.rtt : nullptr, notes);
  if (out.rtt) add_rtt_providers(out.providers, *out.rtt, notes);
  if (inputs.providers_file)
    collect(problems, [&] {
      for (auto& p : parse_providers_csv(text_file(*inputs.providers_file), district_ptr))
        out.providers.add_or_replace(std::move(p));
    });
  apply_patches(out.providers, inputs.providers, district_ptr, inputs.file, problems);
  check_references(inputs, out.providers, problems);
  out.notes = std::move(notes.notes);
  std::optional<FlowFile> file;
  if (inputs.flow_file)
    collect(problems, [&] {
      file =
          parse_flow_file(text_file(*inputs.flow_file), economy.population, model, out.providers);
    });
  collect(problems, [&] {
    out.flows = build_flows(economy, model, out.providers, inputs.flows,
                            out.rtt ? &*out.rtt : nullptr, file ? &*file : nullptr);
  });
  for (const auto& n : out.flows.notes)
    out.notes.push_back(n);
  return out;
}

}  // namespace pco
