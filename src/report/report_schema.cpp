#include "report/report_schema.hpp"

namespace pco {

const std::vector<KeySpec>& report_schema() {
  static const std::vector<KeySpec> keys = {
      {"boundaries", TomlKind::string},
      {"boundary_code", TomlKind::string},
      {"focus", TomlKind::string},
  };
  return keys;
}

}  // namespace pco
