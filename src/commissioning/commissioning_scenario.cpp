#include "commissioning/commissioning_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

const std::vector<KeySpec> kCommissioning = {
    {"level", TomlKind::string},
    {"trusts", TomlKind::string},
    {"providers", TomlKind::string},
    {"rtt", TomlKind::string},
    {"flows", TomlKind::string},
    {"postcode_districts", TomlKind::string},
    {"synthetic_providers", TomlKind::boolean},
    {"rtt_part", TomlKind::string},
    {"rtt_level", TomlKind::string},
    {"rtt_function", TomlKind::table},
    {"service_kind", TomlKind::table},
    {"decay_km", TomlKind::number},
    {"max_km", TomlKind::number},
    {"min_share", TomlKind::number},
    {"default_payment", TomlKind::string},
    {"lva_threshold", TomlKind::number},
    {"variable_services", TomlKind::string_array},
};
const std::vector<KeySpec> kProvider = {
    {"code", TomlKind::string, true}, {"name", TomlKind::string},
    {"kind", TomlKind::string},       {"lat", TomlKind::number},
    {"lon", TomlKind::number},        {"postcode", TomlKind::string},
    {"cost_ratio", TomlKind::number}, {"attraction", TomlKind::number},
    {"nhs", TomlKind::boolean},
};
const std::vector<KeySpec> kContract = {
    {"name", TomlKind::string},
    {"commissioner", TomlKind::string},
    {"level", TomlKind::string},
    {"provider", TomlKind::string},
    {"provider_kind", TomlKind::string},
    {"services", TomlKind::string_array},
    {"payment", TomlKind::string, true},
    {"variable_rate", TomlKind::number},
    {"variable_services", TomlKind::string_array},
    {"plan", TomlKind::number},
    {"plan_ratio", TomlKind::number},
    {"fixed", TomlKind::number},
    {"cap", TomlKind::number},
    {"cap_ratio", TomlKind::number},
    {"floor", TomlKind::number},
    {"floor_ratio", TomlKind::number},
    {"amount", TomlKind::number},
    {"amount_ratio", TomlKind::number},
    {"per_head", TomlKind::number},
    {"price", TomlKind::number},
    {"prevalence", TomlKind::number},
    {"min_value", TomlKind::number},
};
const std::vector<KeySpec> kShift = {
    {"name", TomlKind::string},
    {"service", TomlKind::string, true},
    {"from", TomlKind::string, true},
    {"to", TomlKind::string, true},
    {"share", TomlKind::number, true},
    {"unit_cost_ratio", TomlKind::number},
    {"transition_cost", TomlKind::number},
    {"years", TomlKind::integer},
    {"commissioner", TomlKind::string},
    {"level", TomlKind::string},
    {"to_provider", TomlKind::string},
    {"rebase_from", TomlKind::boolean},
    {"rebase_to", TomlKind::boolean},
};

constexpr double kBig = 1e15;

// Reads the sections of one table, recording problems against its file and key path.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, const std::string& file,
              DiagnosticList& problems)
      : table_(table), path_(std::move(path)), file_(file), problems_(problems) {}

  std::optional<std::string> text(std::string_view key) const {
    if (const auto* s = table_.get_as<std::string>(key)) return s->get();
    return std::nullopt;
  }
  std::optional<bool> flag(std::string_view key) const {
    if (const auto* b = table_.get_as<bool>(key)) return b->get();
    return std::nullopt;
  }
  // A number in [lo, hi]; nullopt (and a problem) when out of range, nullopt when absent.
  std::optional<double> number(std::string_view key, double lo, double hi,
                               const std::string& expected) const {
    const auto* node = table_.get(key);
    if (node == nullptr) return std::nullopt;
    const auto v = node->value<double>();
    if (!v) return std::nullopt;  // wrong type: reported by the schema check
    if (!(*v >= lo && *v <= hi)) {
      problem(*node, key, toml_value_text(*node), expected);
      return std::nullopt;
    }
    return v;
  }
  std::vector<std::string> strings(std::string_view key) const {
    std::vector<std::string> out;
    if (const auto* a = table_.get_as<toml::array>(key))
      for (const auto& e : *a)
        if (const auto* s = e.as_string()) out.push_back(s->get());
    return out;
  }
  void problem(const toml::node& node, std::string_view key, std::string value,
               std::string expected) const {
    problems_.add(toml_diagnostic(node, file_, path_ + "." + std::string(key), std::move(value),
                                  std::move(expected)));
  }
  void problem_at_table(std::string_view key, std::string value, std::string expected) const {
    const auto& where = table_.source().begin;
    problems_.add({file_, where.line, where.column, path_ + "." + std::string(key),
                   std::move(value), std::move(expected)});
  }
  const toml::node* node(std::string_view key) const { return table_.get(key); }
  const toml::table& table() const { return table_; }
  std::size_t line() const { return table_.source().begin.line; }
  std::size_t column() const { return table_.source().begin.column; }

 private:
  const toml::table& table_;
  std::string path_;
  const std::string& file_;
  DiagnosticList& problems_;
};

std::optional<std::filesystem::path> path_of(const TableReader& r, std::string_view key,
                                             const Scenario& scenario) {
  const auto t = r.text(key);
  if (!t) return std::nullopt;
  std::filesystem::path p(*t);
  if (p.is_relative() && !scenario.file.empty()) p = scenario.file.parent_path() / p;
  return p;
}

std::optional<ProviderKind> kind_of(const TableReader& r, std::string_view key) {
  const auto t = r.text(key);
  if (!t) return std::nullopt;
  const auto kind = provider_kind_from_label(*t);
  if (!kind) r.problem(*r.node(key), key, *t, "a provider kind: " + provider_kind_choices());
  return kind;
}

class ServiceNames {
 public:
  explicit ServiceNames(const ServiceModel& model) {
    for (const auto& s : model.services) {
      names_.insert(s.name);
      list_ += (list_.empty() ? "" : ", ") + s.name;
    }
  }
  // Records a problem for each name that is not a service of the model.
  void check(const TableReader& r, std::string_view key,
             const std::vector<std::string>& names) const {
    for (const auto& n : names)
      if (!names_.count(n)) r.problem(*r.node(key), key, n, "a service of the model: " + list_);
  }
  bool known(const std::string& name) const { return names_.count(name) > 0; }
  const std::string& list() const { return list_; }

 private:
  std::set<std::string> names_;
  std::string list_;
};

void read_settings(const TableReader& r, const Scenario& scenario, const ServiceNames& services,
                   CommissioningInputs& in) {
  in.level = r.text("level").value_or("");
  in.trusts = path_of(r, "trusts", scenario);
  in.providers_file = path_of(r, "providers", scenario);
  in.rtt = path_of(r, "rtt", scenario);
  in.flow_file = path_of(r, "flows", scenario);
  in.postcode_districts = path_of(r, "postcode_districts", scenario);
  if (const auto s = r.flag("synthetic_providers")) in.synthetic_providers = *s;
  if (const auto part = r.text("rtt_part")) {
    if (const auto p = rtt_part_from_label(*part))
      in.flows.rtt_part = *p;
    else
      r.problem(*r.node("rtt_part"), "rtt_part", *part,
                "incomplete, incomplete_with_dta, admitted, non_admitted or new_periods");
  }
  in.flows.rtt_level = r.text("rtt_level").value_or("");
  in.flows.decay_km =
      r.number("decay_km", 0.1, 1000, "a decay distance in km, 0.1-1000").value_or(kDefaultDecayKm);
  in.flows.max_km = r.number("max_km", 1, 2000, "a distance in km, 1-2000").value_or(kDefaultMaxKm);
  in.flows.min_share =
      r.number("min_share", 0, 0.5, "a share in [0, 0.5]").value_or(kDefaultMinShare);
  if (const auto* t = r.table().get_as<toml::table>("rtt_function")) {
    in.flows.rtt_function.clear();
    for (const auto& [key, node] : *t) {
      const std::string service(key.str());
      if (!services.known(service))
        r.problem(node, "rtt_function", service, "a service of the model: " + services.list());
      else if (const auto* code = node.as_string())
        in.flows.rtt_function[service] = code->get();
      else
        r.problem(node, "rtt_function." + service, toml_value_text(node),
                  "a treatment function code such as \"C_999\" or \"C_130\"");
    }
  }
  if (const auto* t = r.table().get_as<toml::table>("service_kind")) {
    for (const auto& [key, node] : *t) {
      const std::string service(key.str());
      const auto* label = node.as_string();
      if (!services.known(service)) {
        r.problem(node, "service_kind", service, "a service of the model: " + services.list());
      } else if (label != nullptr && label->get() == "none") {
        in.flows.service_kind[service] = std::nullopt;
      } else if (label != nullptr && provider_kind_from_label(label->get())) {
        in.flows.service_kind[service] = provider_kind_from_label(label->get());
      } else {
        r.problem(node, "service_kind." + service, toml_value_text(node),
                  "a provider kind (" + provider_kind_choices() + ") or \"none\"");
      }
    }
  }
  if (const auto d = r.text("default_payment")) {
    if (*d == "activity")
      in.default_payment = DefaultPayment::activity;
    else if (*d == "nhsps2025")
      in.default_payment = DefaultPayment::nhsps2025;
    else
      r.problem(*r.node("default_payment"), "default_payment", *d, "activity or nhsps2025");
  }
  in.lva_threshold =
      r.number("lva_threshold", 0, kBig, "an amount in £ >= 0").value_or(kDefaultLvaThreshold);
  if (r.node("variable_services")) {
    in.variable_services = r.strings("variable_services");
    services.check(r, "variable_services", in.variable_services);
  }
}

ProviderPatch read_provider(const TableReader& r) {
  ProviderPatch p;
  p.code = r.text("code").value_or("");
  p.line = r.line();
  p.column = r.column();
  if (const auto* n = r.node("code"); n && p.code.empty())
    r.problem(*n, "code", "", "a provider code");
  p.name = r.text("name");
  p.kind = kind_of(r, "kind");
  const auto lat = r.number("lat", -90, 90, "a latitude in [-90, 90]");
  const auto lon = r.number("lon", -180, 180, "a longitude in [-180, 180]");
  if (lat && lon) p.location = GeoPoint{*lat, *lon};
  if ((r.node("lat") == nullptr) != (r.node("lon") == nullptr))
    r.problem_at_table("lat", "", "both lat and lon, or neither");
  p.postcode = r.text("postcode");
  p.cost_ratio = r.number("cost_ratio", 1e-6, 100, "a unit cost / tariff ratio > 0 and <= 100");
  p.attraction = r.number("attraction", 0, kBig, "an attraction weight >= 0");
  p.nhs = r.flag("nhs");
  return p;
}

ContractSpec read_contract(const TableReader& r, const ServiceNames& services) {
  ContractSpec c;
  c.line = r.line();
  c.column = r.column();
  c.name = r.text("name").value_or("");
  c.commissioner = r.text("commissioner").value_or("");
  c.level = r.text("level").value_or("");
  c.provider = r.text("provider").value_or("");
  c.provider_kind = kind_of(r, "provider_kind");
  if (!c.provider.empty() && r.node("provider_kind"))
    r.problem(*r.node("provider_kind"), "provider_kind", c.provider,
              "either provider or provider_kind, not both");
  c.services = r.strings("services");
  services.check(r, "services", c.services);
  const auto payment = r.text("payment").value_or("");
  if (const auto form = payment_from_label(payment))
    c.payment = *form;
  else if (r.node("payment"))
    r.problem(*r.node("payment"), "payment", payment,
              "activity, block, aligned, capitation or year_of_care");
  const bool prime = is_prime(c.payment);
  if (c.provider.empty() && !c.provider_kind && r.node("payment"))
    r.problem_at_table("provider", c.name, "a provider (a code) or a provider_kind");
  if (prime && c.provider_kind)
    r.problem(*r.node("provider_kind"), "provider_kind", "",
              "one provider (a code): a capitation or year-of-care provider is the prime "
              "contractor for the whole population");
  const auto only = [&](std::string_view key, bool allowed, std::string_view forms) {
    if (r.node(key) && !allowed)
      r.problem(*r.node(key), key, toml_value_text(*r.node(key)),
                fmt::format("no {} for a {} contract (it applies to {})", key, payment, forms));
  };
  const bool aligned = c.payment == PaymentForm::aligned;
  only("variable_rate", aligned, "aligned");
  only("variable_services", aligned, "aligned");
  only("plan", aligned, "aligned");
  only("plan_ratio", aligned, "aligned");
  only("fixed", aligned, "aligned");
  only("cap", aligned, "aligned");
  only("cap_ratio", aligned, "aligned");
  only("floor", aligned, "aligned");
  only("floor_ratio", aligned, "aligned");
  only("amount", c.payment == PaymentForm::block || c.payment == PaymentForm::capitation,
       "block and capitation");
  only("amount_ratio", c.payment != PaymentForm::activity && !aligned,
       "block, capitation and year_of_care");
  only("per_head", c.payment == PaymentForm::capitation, "capitation");
  only("price", c.payment == PaymentForm::year_of_care, "year_of_care");
  only("prevalence", c.payment == PaymentForm::year_of_care, "year_of_care");
  c.variable_rate =
      r.number("variable_rate", 0, 1, "a variable rate v in [0, 1]").value_or(kDefaultVariableRate);
  c.variable_services = r.strings("variable_services");
  services.check(r, "variable_services", c.variable_services);
  if (!c.services.empty())
    for (const auto& v : c.variable_services)
      if (std::find(c.services.begin(), c.services.end(), v) == c.services.end())
        r.problem(*r.node("variable_services"), "variable_services", v,
                  "a service of the contract's services");
  c.plan = r.number("plan", 0, kBig, "an amount in £ >= 0");
  c.plan_ratio = r.number("plan_ratio", 0, 100, "a ratio in [0, 100]").value_or(1);
  c.fixed = r.number("fixed", 0, kBig, "an amount in £ >= 0");
  c.cap = r.number("cap", 0, kBig, "an amount in £ >= 0");
  c.cap_ratio = r.number("cap_ratio", 0, 100, "a ratio to the fixed element in [0, 100]");
  c.floor = r.number("floor", 0, kBig, "an amount in £ >= 0");
  c.floor_ratio = r.number("floor_ratio", 0, 100, "a ratio to the fixed element in [0, 100]");
  if (r.node("cap") && r.node("cap_ratio"))
    r.problem(*r.node("cap_ratio"), "cap_ratio", "", "either cap or cap_ratio, not both");
  if (r.node("floor") && r.node("floor_ratio"))
    r.problem(*r.node("floor_ratio"), "floor_ratio", "", "either floor or floor_ratio, not both");
  if (c.cap && c.floor && *c.floor > *c.cap)
    r.problem(*r.node("floor"), "floor", fmt::format("{} above the cap {}", *c.floor, *c.cap),
              "a floor no higher than the cap");
  if (c.cap_ratio && c.floor_ratio && *c.floor_ratio > *c.cap_ratio)
    r.problem(*r.node("floor_ratio"), "floor_ratio",
              fmt::format("{} above cap_ratio {}", *c.floor_ratio, *c.cap_ratio),
              "a floor no higher than the cap");
  c.amount = r.number("amount", 0, kBig, "an amount in £ >= 0");
  c.amount_ratio = r.number("amount_ratio", 0, 100, "a ratio in [0, 100]").value_or(1);
  if (r.node("amount") && r.node("amount_ratio"))
    r.problem(*r.node("amount_ratio"), "amount_ratio", "", "either amount or amount_ratio");
  c.per_head = r.number("per_head", 0, 1e6, "£ per registered patient, >= 0");
  if (r.node("per_head") && (r.node("amount") || r.node("amount_ratio")))
    r.problem(*r.node("per_head"), "per_head", "", "either per_head or amount / amount_ratio");
  c.price = r.number("price", 0, 1e7, "£ per patient with the condition, >= 0");
  if (r.node("price") && r.node("amount_ratio"))
    r.problem(*r.node("price"), "price", "", "either price or amount_ratio");
  const auto prevalence = r.number("prevalence", 1e-9, 1, "a prevalence in (0, 1]");
  if (c.payment == PaymentForm::year_of_care) {
    if (!r.node("prevalence"))
      r.problem_at_table("prevalence", c.name,
                         "the prevalence of the condition (patients per registered patient) "
                         "for a year_of_care contract");
    if (c.services.empty())
      r.problem_at_table("services", c.name,
                         "the services of the condition's care for a year_of_care contract");
  }
  c.prevalence = prevalence.value_or(0);
  c.min_value = r.number("min_value", 0, kBig, "an amount in £ >= 0").value_or(0);
  if (r.node("min_value") && !c.provider_kind)
    r.problem(*r.node("min_value"), "min_value", "", "min_value only with provider_kind");
  if (c.name.empty()) {
    c.name = fmt::format("{} {}", payment,
                         !c.provider.empty() ? c.provider
                         : c.provider_kind   ? std::string(provider_kind_label(*c.provider_kind))
                                             : std::string("?"));
  }
  return c;
}

PathwayShiftSpec read_shift(const TableReader& r, const ServiceNames& services) {
  PathwayShiftSpec s;
  s.line = r.line();
  s.column = r.column();
  s.service = r.text("service").value_or("");
  if (r.node("service")) services.check(r, "service", {s.service});
  if (const auto k = kind_of(r, "from")) s.from = *k;
  if (const auto k = kind_of(r, "to")) s.to = *k;
  if (r.node("from") && r.node("to") && r.text("from") == r.text("to"))
    r.problem(*r.node("to"), "to", r.text("to").value_or(""), "a kind other than `from`");
  s.share = r.number("share", 0, 1, "a share of activity in [0, 1]").value_or(0);
  s.unit_cost_ratio = r.number("unit_cost_ratio", 1e-6, 100, "a ratio > 0 and <= 100").value_or(1);
  s.transition_cost = r.number("transition_cost", 0, kBig, "an amount in £ >= 0").value_or(0);
  s.years = static_cast<int>(r.number("years", 1, 50, "a whole number of years, 1-50").value_or(1));
  if (const auto* y = r.node("years"); y && y->is_floating_point())
    r.problem(*y, "years", toml_value_text(*y), "a whole number of years, 1-50");
  s.commissioner = r.text("commissioner").value_or("");
  s.level = r.text("level").value_or("");
  s.to_provider = r.text("to_provider").value_or("");
  s.rebase_from = r.flag("rebase_from").value_or(true);
  s.rebase_to = r.flag("rebase_to").value_or(true);
  s.name = r.text("name").value_or(fmt::format(
      "{}: {} to {}", s.service, provider_kind_label(s.from), provider_kind_label(s.to)));
  return s;
}

}  // namespace

bool has_commissioning(const Scenario& scenario) {
  for (const auto* key : {"commissioning", "provider", "contract", "pathway_shift"})
    if (scenario.table.contains(key)) return true;
  return false;
}

CommissioningInputs read_commissioning_inputs(const Scenario& scenario, const ServiceModel& model) {
  DiagnosticList problems;
  auto in = read_commissioning_inputs(scenario, model, problems);
  problems.sort_by_position();
  problems.throw_if_any();
  return in;
}

CommissioningInputs read_commissioning_inputs(const Scenario& scenario, const ServiceModel& model,
                                              DiagnosticList& problems) {
  CommissioningInputs in;
  in.file = scenario.file.empty() ? std::string("scenario") : scenario.file.string();
  in.synthetic_providers = scenario.synthetic.has_value();
  const ServiceNames services(model);
  if (const auto* t = scenario.table.get_as<toml::table>("commissioning")) {
    const TableReader r(*t, "commissioning", in.file, problems);
    read_settings(r, scenario, services, in);
    // Providers named explicitly replace the grown ones unless asked for both.
    if ((in.trusts || in.providers_file || in.rtt) && !r.flag("synthetic_providers"))
      in.synthetic_providers = false;
  }
  const auto each = [&](const char* key, const auto& read) {
    const auto* array = scenario.table.get_as<toml::array>(key);
    if (array == nullptr || !array->is_array_of_tables()) return;
    std::size_t i = 0;
    for (const auto& node : *array) {
      const TableReader r(*node.as_table(), fmt::format("{}[{}]", key, i++), in.file, problems);
      read(r);
    }
  };
  std::set<std::string> codes;
  each("provider", [&](const TableReader& r) {
    auto p = read_provider(r);
    if (!p.code.empty() && !codes.insert(p.code).second)
      r.problem(*r.node("code"), "code", p.code, "each [[provider]] code once");
    in.providers.push_back(std::move(p));
  });
  each("contract",
       [&](const TableReader& r) { in.contracts.push_back(read_contract(r, services)); });
  each("pathway_shift",
       [&](const TableReader& r) { in.shifts.push_back(read_shift(r, services)); });
  return in;
}

const std::vector<KeySpec>& commissioning_schema() {
  return kCommissioning;
}
const std::vector<KeySpec>& provider_schema() {
  return kProvider;
}
const std::vector<KeySpec>& contract_schema() {
  return kContract;
}
const std::vector<KeySpec>& pathway_shift_schema() {
  return kShift;
}

}  // namespace pco
