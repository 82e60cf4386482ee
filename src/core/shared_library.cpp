#include "core/shared_library.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

SharedLibrary::SharedLibrary(std::string soname, bool global) : soname_(std::move(soname)) {
  handle_ = dlopen(soname_.c_str(), RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
  if (handle_ == nullptr) {
    const char* why = dlerror();
    throw IoError(
        fmt::format("cannot load the shared library {}: {} (install the package that "
                    "provides it; scripts/install-deps.sh lists them)",
                    soname_, why != nullptr ? why : "unknown error"));
  }
}

SharedLibrary::~SharedLibrary() {
  // Libraries stay loaded to the end of the process: Open MPI and GEOS keep state (atexit
  // handlers, thread-local contexts) that must outlive any object of ours.
}

void* SharedLibrary::symbol(const char* name) const {
  dlerror();
  void* address = dlsym(handle_, name);
  if (address == nullptr) {
    const char* why = dlerror();
    throw IoError(fmt::format("the shared library {} has no symbol {}: {}", soname_, name,
                              why != nullptr ? why : "null address"));
  }
  return address;
}

}  // namespace pco
