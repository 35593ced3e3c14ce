# Unpacks one Debian source package (apt-get source) into DESTINATION, outside the repository.
# Usage: cmake -DPACKAGE=glfw3 -DDESTINATION=dir -P apt_source.cmake
# Needs a deb-src entry for bookworm main, which scripts/setup.sh adds.
if(EXISTS ${DESTINATION}/debian/changelog)
  return()
endif()
set(scratch ${DESTINATION}.apt)
file(REMOVE_RECURSE ${scratch} ${DESTINATION})
file(MAKE_DIRECTORY ${scratch})
execute_process(COMMAND apt-get source --only-source -qq ${PACKAGE}
                WORKING_DIRECTORY ${scratch} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
file(GLOB unpacked LIST_DIRECTORIES true ${scratch}/${PACKAGE}-*)
list(FILTER unpacked EXCLUDE REGEX "\\.(tar\\..*|dsc)$")
if(NOT rc EQUAL 0 OR NOT unpacked)
  message(FATAL_ERROR "apt-get source ${PACKAGE} failed (exit ${rc}):\n${out}\n"
          "The Windows build compiles ${PACKAGE} from Debian's source package: run scripts/setup.sh, which adds a "
          "deb-src entry for bookworm main (/etc/apt/sources.list.d/kosim-src.sources), or configure with "
          "-DKOSIM_BUILD_WINDOWS=OFF.")
endif()
list(GET unpacked 0 unpacked)
file(RENAME ${unpacked} ${DESTINATION})
file(REMOVE_RECURSE ${scratch})
file(STRINGS ${DESTINATION}/debian/changelog version LIMIT_COUNT 1 REGEX "^[^ ]+ \\([^)]+\\)")
string(REGEX MATCH "^[^ ]+ \\([^)]+\\)" version "${version}")
message(STATUS "Windows build: Debian source package ${version}")
