# The web page, built from the same top-level CMakeLists.txt by Debian's emscripten as an external
# project (the way windows/ cross-builds kosim.exe), with Dear ImGui 1.86 compiled from Debian's
# source package (apt-get source, unpacked into the build folder; nothing is copied into the repo).
#   <build>/web/page/  index.html, kosim.js, kosim.wasm, kosim.data (the fonts, subset), fonts/ (whole, on demand)   (what a static host serves)
include(ExternalProject)
set(root ${PROJECT_BINARY_DIR}/web)
set(KOSIM_WEB_PAGE_DIR ${root}/page CACHE INTERNAL "the page: index.html, kosim.js, kosim.wasm, kosim.data")
set(KOSIM_WEB_TESTS_DIR ${root}/tests CACHE INTERNAL "kosim_web_tests.js: the doctest suites for node (web/tests.cmake)")
set(KOSIM_WEB_FONT_DIR /usr/share/fonts/truetype/nanum CACHE PATH "where NanumGothic.ttf and NanumGothicCoding.ttf are (fonts-nanum)")
find_file(KOSIM_EMSCRIPTEN_TOOLCHAIN Emscripten.cmake PATHS /usr/share/emscripten/cmake/Modules/Platform /usr/lib/emscripten/cmake/Modules/Platform
          NO_DEFAULT_PATH REQUIRED)

# Header-only libraries from Debian's -dev packages, each in a folder of its own, as windows/ does:
# (header-only, so for any pointer size: wasm32). /usr/include itself must never reach emscripten's include path (its C library headers would win).
set(headers ${root}/include)
file(MAKE_DIRECTORY ${headers} ${root}/packages/nlohmann_json)
foreach(folder nlohmann stb doctest)
  find_path(KOSIM_WEB_${folder}_PARENT ${folder} PATHS /usr/include NO_DEFAULT_PATH REQUIRED)
  if(NOT EXISTS ${headers}/${folder})
    file(CREATE_LINK ${KOSIM_WEB_${folder}_PARENT}/${folder} ${headers}/${folder} COPY_ON_ERROR SYMBOLIC)
  endif()
endforeach()
find_package(nlohmann_json 3 REQUIRED)
file(WRITE ${root}/packages/nlohmann_json/nlohmann_jsonConfig.cmake
     "if(NOT TARGET nlohmann_json::nlohmann_json)\n"
     "  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)\n"
     "  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${headers})\n"
     "endif()\n")
include(CMakePackageConfigHelpers)
write_basic_package_version_file(${root}/packages/nlohmann_json/nlohmann_jsonConfigVersion.cmake
                                 VERSION ${nlohmann_json_VERSION} COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)

ExternalProject_Add(kosim_web_imgui
  PREFIX ${root}/imgui
  SOURCE_DIR ${root}/src/imgui
  DOWNLOAD_COMMAND ${CMAKE_COMMAND} -DPACKAGE=imgui -DDESTINATION=${root}/src/imgui -P ${PROJECT_SOURCE_DIR}/windows/apt_source.cmake
  CONFIGURE_COMMAND "" BUILD_COMMAND "" INSTALL_COMMAND ""   # compiled by kosim's own build (cmake/gui_dependencies.cmake)
  USES_TERMINAL_DOWNLOAD OFF)

# emcc's JavaScript optimiser needs acorn, which Debian keeps in /usr/share/nodejs.
set(web_env ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
ExternalProject_Add(kosim_web
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${root}/build
  PREFIX ${root}/stamps
  DEPENDS kosim_web_imgui
  CMAKE_COMMAND ${web_env} ${CMAKE_COMMAND}
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${KOSIM_EMSCRIPTEN_TOOLCHAIN}
    # Size and build time over the last percent of speed: -O2, no debug info, one unit per folder.
    -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" "-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG"
    -DCMAKE_UNITY_BUILD=ON
    -DKOSIM_BUILD_TESTS=OFF -DKOSIM_BUILD_BENCH=OFF -DKOSIM_BUILD_NATIVE=OFF -DKOSIM_BUILD_WINDOWS=OFF
    -DKOSIM_SANITIZED_TESTS=OFF -DKOSIM_BUILD_WEB=OFF
    -DKOSIM_IMGUI_SOURCE_DIR=${root}/src/imgui
    -DKOSIM_STB_PARENT_DIR=${headers}
    -Dnlohmann_json_DIR=${root}/packages/nlohmann_json
    -DKOSIM_WEB_PAGE_DIR=${KOSIM_WEB_PAGE_DIR}
    -DKOSIM_WEB_FONT_DIR=${KOSIM_WEB_FONT_DIR}
    # The sim/ and view-model doctest suites as one node program (web/tests.cmake), when this tree tests.
    -DKOSIM_WEB_TESTS=${KOSIM_BUILD_TESTS} -DKOSIM_WEB_TESTS_DIR=${KOSIM_WEB_TESTS_DIR} -DKOSIM_WEB_TESTS_INCLUDE=${headers}
  CMAKE_GENERATOR ${CMAKE_GENERATOR}
  BUILD_COMMAND ${web_env} ${CMAKE_COMMAND} --build <BINARY_DIR>
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  BUILD_BYPRODUCTS ${KOSIM_WEB_PAGE_DIR}/kosim.js ${KOSIM_WEB_PAGE_DIR}/kosim.wasm ${KOSIM_WEB_TESTS_DIR}/kosim_web_tests.js
  USES_TERMINAL_BUILD OFF)
