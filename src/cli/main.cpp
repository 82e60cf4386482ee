#include "cli/app.hpp"

int main(int argc, char** argv) {
  return pco::cli::run_command_line(argc, argv);
}
