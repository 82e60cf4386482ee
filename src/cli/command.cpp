#include "cli/command.hpp"

#include <filesystem>
#include <iostream>

#include "core/error.hpp"

namespace pco::cli {

int run_guarded(const std::function<void()>& work) {
  try {
    work();
    return kExitOk;
  } catch (const InputError& e) {
    std::cerr << "error: " << e.total_count() << (e.total_count() == 1 ? " problem" : " problems")
              << " in the input:\n"
              << e.what() << '\n';
    return kExitBadInput;
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const IoError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kExitIo;
  } catch (const std::filesystem::filesystem_error& e) {
    // A file-system failure the library did not word itself is still a file error, naming
    // the path, not an internal one.
    std::cerr << "error: " << (e.path1().empty() ? std::string() : e.path1().string() + ": ")
              << e.code().message() << '\n';
    return kExitIo;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return kExitInternal;
  }
}

}  // namespace pco::cli
