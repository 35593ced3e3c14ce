# Dear ImGui and GLFW for kosim_gui, as two targets whatever their source:
#   kosim::imgui  ImGui 1.86 with its GLFW and OpenGL3 backends      kosim::glfw  GLFW 3.3
# from Debian's packages (pkg-config, Linux), from Debian's source packages compiled for Windows
# (KOSIM_IMGUI_SOURCE_DIR and glfw3_DIR, given by windows/CMakeLists.txt; for the page, web/web.cmake
# gives the ImGui sources and emscripten brings GLFW), or from vcpkg (MSVC).
if(TARGET kosim::imgui)
  return()
endif()

if(KOSIM_IMGUI_SOURCE_DIR)
  # Compiled as Debian's own build does (debian/patches/0001-add-Makefile.patch): stb_truetype and
  # stb_rect_pack from libstb-dev rather than ImGui's copies.
  if(EMSCRIPTEN)
    # The browser: emscripten's GLFW 3 (a JavaScript library) on WebGL2; ImGui's OpenGL3 backend as GLES3.
    add_library(glfw INTERFACE)
    target_link_options(glfw INTERFACE -sUSE_GLFW=3 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2)
  else()
    find_package(glfw3 3.3 REQUIRED CONFIG)
  endif()
  set(src ${KOSIM_IMGUI_SOURCE_DIR})
  add_library(kosim_imgui STATIC
    ${src}/imgui.cpp ${src}/imgui_draw.cpp ${src}/imgui_tables.cpp ${src}/imgui_widgets.cpp ${src}/imgui_demo.cpp
    ${src}/backends/imgui_impl_glfw.cpp ${src}/backends/imgui_impl_opengl3.cpp
    ${PROJECT_SOURCE_DIR}/windows/stb_implementation.c)
  target_include_directories(kosim_imgui SYSTEM PUBLIC ${src} ${src}/backends ${KOSIM_STB_PARENT_DIR} ${KOSIM_STB_PARENT_DIR}/stb)
  target_compile_definitions(kosim_imgui PUBLIC
    IMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION "IMGUI_STB_RECT_PACK_FILENAME=<stb/stb_rect_pack.h>"
    IMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION "IMGUI_STB_TRUETYPE_FILENAME=<stb/stb_truetype.h>")
  # One unit each: in a unity file, GLFW's <GL/gl.h> (from the GLFW backend) comes before the OpenGL3
  # backend's own loader, which then misses its declarations (Windows), or makes it call
  # glPolygonMode, which WebGL lacks (web).
  set_target_properties(kosim_imgui PROPERTIES UNITY_BUILD OFF)
  if(EMSCRIPTEN)
    target_compile_definitions(kosim_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  endif()
  if(WIN32)
    # Korean typing: the IME candidate window follows the text cursor (ImGui enables it for MSVC only).
    target_compile_definitions(kosim_imgui PUBLIC IMGUI_ENABLE_WIN32_DEFAULT_IME_FUNCTIONS)
    target_link_libraries(kosim_imgui PUBLIC imm32)
  endif()
  target_link_libraries(kosim_imgui PUBLIC glfw)
  target_compile_options(kosim_imgui PRIVATE -w)   # third-party code is not ours to warn about
  add_library(kosim::imgui ALIAS kosim_imgui)
  add_library(kosim::glfw ALIAS glfw)
elseif(MSVC OR DEFINED VCPKG_TOOLCHAIN)
  # vcpkg.json: imgui[glfw-binding,opengl3-binding] puts the backends into imgui::imgui.
  find_package(glfw3 3.3 REQUIRED CONFIG)
  find_package(imgui CONFIG REQUIRED)
  find_path(KOSIM_STB_INCLUDE stb_image_write.h REQUIRED)
  add_library(kosim_imgui INTERFACE)
  target_link_libraries(kosim_imgui INTERFACE imgui::imgui)
  target_include_directories(kosim_imgui SYSTEM INTERFACE ${KOSIM_STB_INCLUDE})
  add_library(kosim::imgui ALIAS kosim_imgui)
  add_library(kosim::glfw ALIAS glfw)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(KOSIM_IMGUI REQUIRED IMPORTED_TARGET imgui)
  pkg_check_modules(KOSIM_GLFW REQUIRED IMPORTED_TARGET glfw3)
  # Third-party headers are not ours to warn about.
  find_path(KOSIM_IMGUI_BACKENDS imgui_impl_glfw.h PATHS ${KOSIM_IMGUI_INCLUDE_DIRS} PATH_SUFFIXES backends REQUIRED)
  add_library(kosim_imgui INTERFACE)
  target_link_libraries(kosim_imgui INTERFACE PkgConfig::KOSIM_IMGUI)
  target_include_directories(kosim_imgui SYSTEM INTERFACE ${KOSIM_IMGUI_INCLUDE_DIRS} ${KOSIM_IMGUI_BACKENDS})
  add_library(kosim::imgui ALIAS kosim_imgui)
  add_library(kosim::glfw ALIAS PkgConfig::KOSIM_GLFW)
endif()
