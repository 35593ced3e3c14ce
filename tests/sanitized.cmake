# The sim/ suites and the fuzz targets, built a second time with clang, AddressSanitizer and UBSan
# (an external project in build/sanitized), then run as ordinary CTest tests: the doctest suites in
# full, each fuzz target for a fixed number of runs from a fixed seed. Skipped without clang.
find_program(KOSIM_CLANG_CXX NAMES clang++-14 clang++)
find_program(KOSIM_CLANG_C NAMES clang-14 clang)
if(NOT KOSIM_CLANG_CXX OR NOT KOSIM_CLANG_C)
  message(STATUS "kosim: sanitizer and fuzz tests skipped (clang++-14 not found; scripts/setup.sh installs it)")
  return()
endif()

set(sanitized_dir ${PROJECT_BINARY_DIR}/sanitized)
set(KOSIM_FUZZ_SCENARIO_RUNS 20000 CACHE STRING "inputs per short CTest run of the scenario fuzz target")
set(KOSIM_FUZZ_TRACE_RUNS 50000 CACHE STRING "inputs per short CTest run of the trace fuzz target")
set(launcher_args)
if(CMAKE_CXX_COMPILER_LAUNCHER)
  list(APPEND launcher_args -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER} -DCMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER})
endif()
include(ExternalProject)
ExternalProject_Add(kosim_sanitized
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${sanitized_dir}
  CMAKE_ARGS
    -DCMAKE_C_COMPILER=${KOSIM_CLANG_C}
    -DCMAKE_CXX_COMPILER=${KOSIM_CLANG_CXX}
    ${launcher_args}
    -DCMAKE_BUILD_TYPE=Debug
    "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1"
    -DKOSIM_SANITIZE=ON
    -DKOSIM_BUILD_FUZZ=ON
    -DKOSIM_SANITIZED_TESTS=OFF
    -DKOSIM_BUILD_GUI=OFF
    -DKOSIM_BUILD_NATIVE=OFF
    -DKOSIM_BUILD_BENCH=OFF
  CMAKE_GENERATOR ${CMAKE_GENERATOR}
  # Only what the tests below run (not the kosim command or the other suites): the CI's minutes.
  BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target kosim_model_tests kosim_scenario_tests kosim_runner_tests
                kosim_hardening_tests kosim_compare_tests kosim_scenario_fuzz kosim_trace_fuzz
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  USES_TERMINAL_BUILD OFF)

set(sanitizer_environment
    "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
foreach(suite model scenario runner hardening native/compare)
  get_filename_component(name ${suite} NAME)
  set(exe ${sanitized_dir}/tests/kosim_${name}_tests)
  if(suite STREQUAL "native/compare")
    set(exe ${sanitized_dir}/tests/native/kosim_compare_tests)
  endif()
  add_test(NAME "sanitized: ${name} suite under ASan and UBSan" COMMAND ${exe})
  set_tests_properties("sanitized: ${name} suite under ASan and UBSan" PROPERTIES ENVIRONMENT "${sanitizer_environment}" TIMEOUT 600)
endforeach()

# Short fuzz runs: a fixed seed and a fixed number of inputs, from the seed corpora, so a run is
# repeatable; new inputs go to a scratch folder that the script removes.
set(run_fuzzer ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run_fuzzer.sh)
add_test(NAME "fuzz: scenario front end and runner (short run, seed 1)"
         COMMAND sh ${run_fuzzer} ${sanitized_dir}/tests/fuzz/kosim_scenario_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/scenario.dict
                 ${KOSIM_FUZZ_SCENARIO_RUNS} 4096 ${PROJECT_SOURCE_DIR}/assets/scenarios ${CMAKE_CURRENT_SOURCE_DIR}/scenario/malformed
                 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/scenario)
add_test(NAME "fuzz: trace reader and compare (short run, seed 1)"
         COMMAND sh ${run_fuzzer} ${sanitized_dir}/tests/fuzz/kosim_trace_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/trace.dict
                 ${KOSIM_FUZZ_TRACE_RUNS} 16384 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/trace)
set_tests_properties("fuzz: scenario front end and runner (short run, seed 1)" "fuzz: trace reader and compare (short run, seed 1)"
                     PROPERTIES ENVIRONMENT "${sanitizer_environment}" TIMEOUT 300)
