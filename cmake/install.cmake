# `cmake --install BUILD --prefix P` (and `make install PREFIX=P`): the programs, the library
# with its headers and a CMake package (find_package(pco)), a man page per command and shell
# completions generated from the programs' own --help, and the documentation. CPack makes
# three Debian packages from the same rules: pco, libpco-dev and python3-pco
# (docs/install.md).

include(CMakePackageConfigHelpers)

# The programs: pco execs pco-serve from its own directory for `pco serve`.
install(TARGETS pco pco-serve RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT pco)

# The library, its headers (include/pco/<area>/*.hpp, included as "risk/measures.hpp") and the
# package files. The command line's own headers (src/cli) are not part of the library.
install(TARGETS pco_lib EXPORT pcoTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pco
        COMPONENT dev FILES_MATCHING PATTERN "*.hpp" PATTERN "cli" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/src/store/schema.sql
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pco/store COMPONENT dev)
set(PCO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/pco)
install(EXPORT pcoTargets NAMESPACE pco:: DESTINATION ${PCO_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/pcoConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/pcoConfig.cmake INSTALL_DESTINATION ${PCO_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/pcoConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/pcoConfig.cmake ${CMAKE_BINARY_DIR}/pcoConfigVersion.cmake
        DESTINATION ${PCO_CMAKE_DIR} COMPONENT dev)

# Man pages and completions, generated from `pco --help` and `pco COMMAND --help` after each
# build of pco (scripts/gen-man.py, scripts/gen-completions.py; Python 3 standard library).
if(Python3_Interpreter_FOUND)
  set(PCO_GENERATED_DOCS ${CMAKE_BINARY_DIR}/share)
  add_custom_command(
    OUTPUT ${PCO_GENERATED_DOCS}/man1/pco.1 ${PCO_GENERATED_DOCS}/bash-completion/pco
           ${PCO_GENERATED_DOCS}/zsh/_pco
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/gen-man.py $<TARGET_FILE:pco>
            ${PCO_GENERATED_DOCS}/man1 ${PROJECT_VERSION}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/gen-completions.py
            $<TARGET_FILE:pco> ${PCO_GENERATED_DOCS}
    DEPENDS pco pco-serve ${PROJECT_SOURCE_DIR}/scripts/gen-man.py
            ${PROJECT_SOURCE_DIR}/scripts/gen-completions.py ${PROJECT_SOURCE_DIR}/scripts/cli_help.py
    COMMENT "Man pages and shell completions from pco --help")
  add_custom_target(pco_man_pages ALL DEPENDS ${PCO_GENERATED_DOCS}/man1/pco.1)
  install(DIRECTORY ${PCO_GENERATED_DOCS}/man1 DESTINATION ${CMAKE_INSTALL_MANDIR} COMPONENT pco)
  install(FILES ${PCO_GENERATED_DOCS}/bash-completion/pco
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT pco)
  install(FILES ${PCO_GENERATED_DOCS}/zsh/_pco
          DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT pco)
else()
  message(STATUS "pco: no Python 3 interpreter: man pages and completions are not generated")
endif()

# The documentation a user reads: README, docs/ (with its images) and examples/.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT pco)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ ${PROJECT_SOURCE_DIR}/examples
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT pco)

# --- Debian packages (cpack -G DEB in the build directory; `make deb`) ------------------------
# dpkg-shlibdeps works out Depends from the linked libraries. GEOS, PROJ and Open MPI are
# opened at run time (dlopen), so no tool sees them. GEOS and PROJ are Depends: since issue 17
# every report draws its organisations as areas (src/geo, the British National Grid), so
# `pco run` and `pco demo` need them, as does `pco design` (the neighbour graph). Open MPI only
# splits work under mpirun, hence Suggests. Their package names are read from dpkg for the
# sonames the build recorded; CPack appends dpkg-shlibdeps' list to the Depends given here.
function(pco_debian_package_of out soname fallback)
  set(${out} ${fallback} PARENT_SCOPE)
  find_library(pco_path_of_${soname} NAMES ${soname} :${soname})
  find_program(PCO_DPKG_QUERY dpkg-query)
  if(pco_path_of_${soname} AND PCO_DPKG_QUERY)
    file(REAL_PATH ${pco_path_of_${soname}} real)
    execute_process(COMMAND ${PCO_DPKG_QUERY} -S ${real} OUTPUT_VARIABLE owner
                    RESULT_VARIABLE failed ERROR_QUIET)
    if(NOT failed AND owner MATCHES "^([^:,]+)")
      set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
    endif()
  endif()
endfunction()
pco_debian_package_of(pco_geos_package ${PCO_GEOS_C_SONAME} libgeos-c1v5)
pco_debian_package_of(pco_proj_package ${PCO_PROJ_SONAME} libproj25)
set(pco_mpi_suggests openmpi-bin)
if(PCO_MPI_SONAME)
  pco_debian_package_of(pco_mpi_package ${PCO_MPI_SONAME} libopenmpi3)
  set(pco_mpi_suggests "openmpi-bin, ${pco_mpi_package}")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pco)
set(CPACK_PACKAGE_VENDOR "pco developers")
set(CPACK_PACKAGE_CONTACT "pco developers <pco@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "primary care organisation engine: fair shares, financial risk, merging and designing organisations")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL pco dev python)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_PCO_PACKAGE_NAME pco)
set(CPACK_DEBIAN_PCO_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PCO_PACKAGE_DEPENDS "${pco_geos_package}, ${pco_proj_package}")
set(CPACK_DEBIAN_PCO_PACKAGE_RECOMMENDS bash-completion)
set(CPACK_DEBIAN_PCO_PACKAGE_SUGGESTS "${pco_mpi_suggests}, python3-pco")
set(CPACK_COMPONENT_PCO_DESCRIPTION
    "pco models, funds and shapes the organisations that hold the health budget for the people
registered with groups of GP practices (primary care trusts, clinical commissioning groups,
integrated care boards, networks): fair shares by weighted capitation, each budget holder's
exact financial risk, multi-year simulation, appraisal of mergers and federations and the
design of contiguous organisations. The pco and pco-serve programs, man pages, completions and
documentation.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libpco-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libfmt-dev, libtomlplusplus-dev, nlohmann-json3-dev, libsqlite3-dev, libfftw3-dev, libmetis-dev, librandom123-dev, pkg-config")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "libgeos-dev, libproj-dev, libmicrohttpd-dev, pco")
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "The pco engine as a static C++20 library (libpco.a), its headers and a CMake package:
find_package(pco) and link pco::pco. Headers that use GEOS or PROJ (geo/geo_libraries.hpp)
need their -dev packages; the dashboard's HTTP server needs libmicrohttpd.")

if(TARGET pco_python)
  math(EXPR pco_next_minor "${Python3_VERSION_MINOR} + 1")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-pco)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
      "python3 (>= ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}), python3 (<< ${Python3_VERSION_MAJOR}.${pco_next_minor}), python3-numpy")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_RECOMMENDS "python3-pandas")
  set(CPACK_COMPONENT_PYTHON_DESCRIPTION
      "import pco: every pco command as a Python function with keyword arguments named after
its flags, returning the command's JSON as dicts and lists (NumPy arrays for distributions),
errors as exceptions with the command's messages, and pco.ResultsStore reading a results
store's runs as pandas DataFrames.")
else()
  list(REMOVE_ITEM CPACK_COMPONENTS_ALL python)
endif()
include(CPack)
