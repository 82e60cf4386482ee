#pragma once
// A shared library opened when a command first needs it (dlopen) rather than at start-up, so
// that `pco compound` does not load GEOS, PROJ or Open MPI and the dozens of libraries they
// pull in (docs/performance.md, "Start-up"). Symbols are resolved by name (dlsym) into typed
// function pointers; a missing library or symbol is an IoError naming both.
#include <string>

namespace pco {

class SharedLibrary {
 public:
  // `soname` as the dynamic linker searches for it, e.g. "libgeos_c.so.1". `global` makes its
  // symbols available to libraries it loads later (Open MPI's components need that).
  SharedLibrary(std::string soname, bool global);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The address of `name` in the library; throws IoError when absent.
  void* symbol(const char* name) const;
  // A function symbol as a typed pointer, e.g. function<decltype(&GEOSArea_r)>("GEOSArea_r").
  template <class F>
  F function(const char* name) const {
    return reinterpret_cast<F>(symbol(name));
  }
  const std::string& soname() const { return soname_; }

 private:
  std::string soname_;
  void* handle_;
};

}  // namespace pco
