#include "readers/zip_library.hpp"

#include "core/shared_library.hpp"

namespace pco {

const ZipFunctions& zip_functions() {
  static const ZipFunctions functions = [] {
    static const SharedLibrary library(PCO_ZIP_SONAME, false);
    ZipFunctions f{};
#define PCO_RESOLVE_FUNCTION(name) f.name = library.function<decltype(&::name)>(#name);
    PCO_ZIP_FUNCTIONS(PCO_RESOLVE_FUNCTION)
#undef PCO_RESOLVE_FUNCTION
    return f;
  }();
  return functions;
}

}  // namespace pco
