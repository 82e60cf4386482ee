#include "store/stored_table.hpp"

namespace pco {

nlohmann::json table_to_json(const TextTable& table) {
  return {{"headers", table.headers}, {"right_align", table.right_align}, {"rows", table.rows}};
}

TextTable table_from_json(const nlohmann::json& json) {
  TextTable table;
  if (!json.is_object()) return table;
  table.headers = json.value("headers", std::vector<std::string>{});
  table.right_align = json.value("right_align", std::vector<bool>{});
  table.rows = json.value("rows", std::vector<std::vector<std::string>>{});
  return table;
}

}  // namespace pco
