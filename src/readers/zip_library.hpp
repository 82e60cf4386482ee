#pragma once
// libzip, opened on first use (core/shared_library.hpp): only reading a zipped extract needs it,
// so other commands start without it and the compression libraries it pulls in. The header
// still gives every function's exact type.
#include <zip.h>

namespace pco {

#define PCO_ZIP_FUNCTIONS(X)  \
  X(zip_open)                 \
  X(zip_discard)              \
  X(zip_error_init_with_code) \
  X(zip_error_strerror)       \
  X(zip_error_fini)           \
  X(zip_get_num_entries)      \
  X(zip_get_name)             \
  X(zip_stat_init)            \
  X(zip_stat_index)           \
  X(zip_fopen_index)          \
  X(zip_fread)                \
  X(zip_fclose)               \
  X(zip_strerror)             \
  X(zip_file_strerror)

#define PCO_DECLARE_FUNCTION(name) decltype(&::name) name;
struct ZipFunctions {
  PCO_ZIP_FUNCTIONS(PCO_DECLARE_FUNCTION)
};
#undef PCO_DECLARE_FUNCTION

// Loaded on the first call (thread-safe), kept to the end of the process. Throws IoError when
// the library or one of its functions is missing.
const ZipFunctions& zip_functions();

}  // namespace pco
