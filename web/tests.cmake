# The sim/ and view-model doctest suites compiled to WebAssembly (web/CMakeLists.txt includes this when
# web/web.cmake asks, KOSIM_WEB_TESTS): one executable for all of them, so emcc links once, at -O1 for
# build time; node runs it with the real file system (NODERAWFS: the suites read docs/ and tests/ through
# KOSIM_SOURCE_DIR). CTest runs it once per suite (doctest's --source-file filter), label web:
# tests/web/CMakeLists.txt.
set(kosim_web_suites model program scenario runner hardening ui)
set(sources ${PROJECT_SOURCE_DIR}/tests/model/main.cpp)   # every suite's main.cpp is the same doctest main
foreach(suite ${kosim_web_suites})
  file(GLOB suite_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/${suite}/*.cpp)
  list(FILTER suite_sources EXCLUDE REGEX "/main\\.cpp$")
  if(suite STREQUAL "ui")   # its files repeat helper names (builtin, make, Built) in anonymous namespaces
    set_source_files_properties(${suite_sources} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  else()
    set_source_files_properties(${suite_sources} PROPERTIES UNITY_GROUP ${suite})   # one unit per suite: doctest parsed once
  endif()
  list(APPEND sources ${suite_sources})
endforeach()
# It switches KOSIM_VERIFY on before including verify.h: in a unit after other files it would stay off.
set_source_files_properties(${PROJECT_SOURCE_DIR}/tests/model/verify_test.cpp PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
# tests/runner drives the native backend's logic (portable C++) through a fake agent link, as natively.
list(APPEND sources ${PROJECT_SOURCE_DIR}/native/src/agent_backend.cpp ${PROJECT_SOURCE_DIR}/native/src/wire.cpp)
add_executable(kosim_web_tests ${sources})
set_target_properties(kosim_web_tests PROPERTIES SUFFIX .js RUNTIME_OUTPUT_DIRECTORY ${KOSIM_WEB_TESTS_DIR}
                      UNITY_BUILD ON UNITY_BUILD_MODE GROUP)   # by suite: the suites' helpers.h files share names
target_include_directories(kosim_web_tests SYSTEM PRIVATE ${KOSIM_WEB_TESTS_INCLUDE})   # doctest/
target_include_directories(kosim_web_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/native/src)
target_compile_definitions(kosim_web_tests PRIVATE KOSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_compile_options(kosim_web_tests PRIVATE -O1)
target_link_libraries(kosim_web_tests PRIVATE kosim_view_models kosim_sim kosim_warnings)
target_link_options(kosim_web_tests PRIVATE -O1 -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1
                    -sWASM_ASYNC_COMPILATION=0)   # node 20 has fetch(), which emscripten 3.1.6 then tries on a file path
