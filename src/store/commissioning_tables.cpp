#include "store/commissioning_tables.hpp"

#include <cmath>

namespace pco {

namespace {

SqlValue optional_number(double v) {
  return std::isfinite(v) ? SqlValue(v) : SqlValue(std::monostate{});
}

}  // namespace

void write_commissioning_tables(ResultsStore& store, const CommissioningRun& run,
                                const ServiceModel& model) {
  auto& db = store.db();
  const auto id = store.run_id();
  nlohmann::json notes = run.notes;
  db.prepare(
        "INSERT INTO contract_settings (run_id, level, budget_source, notes_json) VALUES "
        "(?1,?2,?3,?4)")
      .run({id, run.set.level, run.budget_source, notes.dump()});
  auto provider_row = db.prepare(
      "INSERT INTO providers VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)");
  for (const auto& r : run.state.providers) {
    const auto& p = run.model.providers[r.provider];
    provider_row.run({id, p.code, p.name, std::string(provider_kind_label(p.kind)),
                      std::int64_t{p.nhs ? 1 : 0},
                      p.location ? SqlValue(p.location->lat) : SqlValue(std::monostate{}),
                      p.location ? SqlValue(p.location->lon) : SqlValue(std::monostate{}),
                      p.cost_ratio, static_cast<std::int64_t>(r.contracts), r.expected_income,
                      r.sd_income, r.expected_tariff_income, r.expected_cost, r.expected_margin,
                      r.sd_margin, r.margin_q05, r.p_loss});
  }
  auto contract_row = db.prepare(
      "INSERT INTO contracts VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
      "?18,?19,?20,?21,?22,?23)");
  for (std::size_t k = 0; k < run.set.contracts.size(); ++k) {
    const auto& c = run.set.contracts[k];
    const auto& r = run.state.contracts[k];
    std::string services;
    for (const auto s : c.services)
      services += (services.empty() ? "" : ";") + model.services[s].name;
    contract_row.run({id,
                      static_cast<std::int64_t>(k),
                      c.name,
                      c.rule,
                      c.commissioner,
                      c.commissioner_level,
                      run.model.providers[c.provider].code,
                      services,
                      std::string(payment_label(c.payment)),
                      r.terms.rate,
                      r.terms.fixed,
                      optional_number(r.terms.cap),
                      optional_number(r.terms.floor),
                      r.expected_activity,
                      r.sd_activity,
                      r.expected_payment,
                      r.sd_payment,
                      r.expected_cost,
                      r.sd_cost,
                      r.expected_margin,
                      r.sd_margin,
                      r.p_loss,
                      r.commissioner_share});
  }
  auto holder_row = db.prepare(
      "INSERT INTO contract_commissioners VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
  for (const auto& r : run.state.commissioners) {
    const auto& h = run.set.holders[r.holder];
    holder_row.run({id, h.code, h.population, static_cast<std::int64_t>(r.contracts), r.budget,
                    r.expected_at_tariff, r.exact_sd_at_tariff, r.at_tariff.p_overspend_5pct,
                    r.at_tariff.reserve99, r.expected_contract_payment + r.expected_tariff_payment,
                    r.exact_sd_with_contracts, r.with_contracts.p_overspend_5pct,
                    r.with_contracts.reserve99});
  }
  auto flow_row = db.prepare("INSERT INTO money_flows VALUES (?1,?2,?3,?4)");
  for (const auto& f : run.money_flows)
    flow_row.run(
        {id, run.set.holders[f.holder].code, run.model.providers[f.provider].code, f.expected});
  auto shift_row =
      db.prepare("INSERT INTO pathway_shifts VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
  for (std::size_t i = 0; i < run.movements.size(); ++i) {
    const auto& m = run.movements[i];
    const auto& s = run.inputs.shifts[m.shift];
    shift_row.run({id, static_cast<std::int64_t>(i), s.name, m.commissioner, s.service,
                   std::string(provider_kind_label(s.from)), std::string(provider_kind_label(s.to)),
                   s.share, m.events, m.money, m.new_cost});
  }
}

std::optional<nlohmann::json> read_commissioning(SqliteDb& db, std::int64_t run_id) {
  if (!db.has_table("contract_settings")) return std::nullopt;
  auto settings = db.prepare(
      "SELECT level, budget_source, notes_json FROM contract_settings WHERE run_id = ?1");
  settings.bind({run_id});
  if (!settings.step()) return std::nullopt;
  nlohmann::json out = {{"level", settings.column_text(0)},
                        {"budget_source", settings.column_text(1)},
                        {"notes", nlohmann::json::parse(settings.column_text(2))}};
  settings.reset();
  // Every column of each table, by name, in stored order.
  const auto rows = [&](const char* table, const char* order) {
    auto q =
        db.prepare(std::string("SELECT * FROM ") + table + " WHERE run_id = ?1 ORDER BY " + order);
    auto names = db.prepare(std::string("SELECT name, type FROM pragma_table_info('") + table +
                            "') ORDER BY cid");
    names.bind({});
    std::vector<std::pair<std::string, std::string>> columns;
    while (names.step())
      columns.emplace_back(names.column_text(0), names.column_text(1));
    names.reset();
    nlohmann::json items = nlohmann::json::array();
    q.bind({run_id});
    while (q.step()) {
      nlohmann::json item = nlohmann::json::object();
      for (std::size_t c = 1; c < columns.size(); ++c) {
        const auto& [name, type] = columns[c];
        const int i = static_cast<int>(c);
        if (q.column_is_null(i))
          item[name] = nullptr;
        else if (type == "TEXT")
          item[name] = q.column_text(i);
        else if (type == "INTEGER")
          item[name] = q.column_int(i);
        else
          item[name] = q.column_double(i);
      }
      items.push_back(std::move(item));
    }
    q.reset();
    return items;
  };
  out["providers"] = rows("providers", "expected_income DESC, code");
  out["contracts"] = rows("contracts", "ordinal");
  out["commissioners"] = rows("contract_commissioners", "code");
  out["money_flows"] = rows("money_flows", "commissioner, provider");
  out["pathway_shifts"] = rows("pathway_shifts", "ordinal");
  return out;
}

}  // namespace pco
