#include "geo/geo_libraries.hpp"

#include "core/shared_library.hpp"

namespace pco {

#define PCO_RESOLVE_FUNCTION(name) f.name = library.function<decltype(&::name)>(#name);

// Function-local statics: the process's one handle on each library, opened on first use.
const GeosFunctions& geos_functions() {
  static const GeosFunctions functions = [] {
    static const SharedLibrary library(PCO_GEOS_C_SONAME, false);
    GeosFunctions f{};
    PCO_GEOS_FUNCTIONS(PCO_RESOLVE_FUNCTION)
    return f;
  }();
  return functions;
}

const ProjFunctions& proj_functions() {
  static const ProjFunctions functions = [] {
    static const SharedLibrary library(PCO_PROJ_SONAME, false);
    ProjFunctions f{};
    PCO_PROJ_FUNCTIONS(PCO_RESOLVE_FUNCTION)
    return f;
  }();
  return functions;
}

#undef PCO_RESOLVE_FUNCTION

}  // namespace pco
