# Included by the top-level CMakeLists.txt when building for Windows (mingw-w64 or MSVC): kosim.exe's
# manifest and static runtime, kosimw.exe (the window without a console), kosim-native.exe and the
# fallback fonts beside kosim.exe, and what the Windows zip holds.
# The manifest (UTF-8 code page): MSVC's linker embeds a .manifest source itself (an RT_MANIFEST
# resource would clash with the one it generates); mingw links it as a compiled resource, on its own
# so that windres does not see the C++ targets' definitions (ImGui's <stb/...> names).
if(MSVC)
  set(kosim_manifest ${CMAKE_CURRENT_LIST_DIR}/kosim.manifest)
else()
  enable_language(RC)
  add_library(kosim_manifest OBJECT ${CMAKE_CURRENT_LIST_DIR}/kosim.rc)
  set(kosim_manifest $<TARGET_OBJECTS:kosim_manifest>)
endif()
target_sources(kosim PRIVATE ${kosim_manifest})

add_executable(kosimw WIN32 ${CMAKE_CURRENT_LIST_DIR}/kosimw.cpp ${kosim_manifest})
target_link_libraries(kosimw PRIVATE kosim_platform kosim_warnings shell32)
set_target_properties(kosimw PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
if(MINGW)
  # GCC 12 at -O2/-O3 warns of overlapping copies in std::string's operator+ (GCC bug 105329).
  target_compile_options(kosim_warnings INTERFACE -Wno-restrict)
  target_link_options(kosimw PRIVATE -municode)   # wWinMain
  # Static runtime: no mingw DLLs beside the exe; it imports only Windows' own DLLs.
  foreach(program kosim kosimw)
    target_link_options(${program} PRIVATE -static -static-libgcc -static-libstdc++)
  endforeach()
endif()

# kosim-native.exe, kosim-record.exe and kosim-hook.dll beside kosim.exe: built here (MSVC,
# native/) or the host's mingw-w64 build, copied.
set(kosim_native_files kosim-native.exe kosim-record.exe kosim-hook.dll)
if(KOSIM_PREBUILT_NATIVE_EXE)
  get_filename_component(prebuilt_dir ${KOSIM_PREBUILT_NATIVE_EXE} DIRECTORY)
  set(copies)
  foreach(file IN LISTS kosim_native_files)
    add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/${file}
                       COMMAND ${CMAKE_COMMAND} -E copy_if_different ${prebuilt_dir}/${file} ${PROJECT_BINARY_DIR}/${file}
                       DEPENDS ${prebuilt_dir}/${file} VERBATIM)
    list(APPEND copies ${PROJECT_BINARY_DIR}/${file})
  endforeach()
  add_custom_target(kosim_native_beside ALL DEPENDS ${copies})
endif()

# NanumGothic (SIL OFL 1.1, Debian's fonts-nanum) in fonts/ beside kosim.exe: Hangul where Malgun
# Gothic is missing (Wine's fresh prefix has no fonts at all).
set(KOSIM_FALLBACK_FONT_DIR "" CACHE PATH "folder with NanumGothic.ttf and NanumGothicCoding.ttf to ship in fonts/")
set(kosim_fallback_fonts)
foreach(font NanumGothic.ttf NanumGothicCoding.ttf)
  if(KOSIM_FALLBACK_FONT_DIR AND EXISTS ${KOSIM_FALLBACK_FONT_DIR}/${font})
    file(COPY ${KOSIM_FALLBACK_FONT_DIR}/${font} DESTINATION ${PROJECT_BINARY_DIR}/fonts)
    list(APPEND kosim_fallback_fonts ${PROJECT_BINARY_DIR}/fonts/${font})
  endif()
endforeach()

# The zip: everything at the top of one folder, as a student unpacks it.
install(TARGETS kosim kosimw RUNTIME DESTINATION .)
if(TARGET kosim-native)
  install(TARGETS kosim-native kosim-record kosim-hook RUNTIME DESTINATION .)
elseif(KOSIM_PREBUILT_NATIVE_EXE)
  foreach(file IN LISTS kosim_native_files)
    install(PROGRAMS ${PROJECT_BINARY_DIR}/${file} DESTINATION .)
  endforeach()
endif()
install(FILES ${kosim_fallback_fonts} DESTINATION fonts)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/scenarios/ DESTINATION scenarios FILES_MATCHING PATTERN "*.kos")
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION .)
# Licences of what the exe contains, from the source trees and Debian's copyright files.
set(kosim_licences
  "glfw|${KOSIM_GLFW_SOURCE_DIR}/LICENSE.md" "dear-imgui|${KOSIM_IMGUI_SOURCE_DIR}/LICENSE.txt"
  "nlohmann-json|/usr/share/doc/nlohmann-json3-dev/copyright" "cli11|/usr/share/doc/libcli11-dev/copyright"
  "stb|/usr/share/doc/libstb-dev/copyright" "glad|/usr/share/doc/python3-glad/copyright"
  "nanum-fonts|/usr/share/doc/fonts-nanum/copyright"
  "mingw-w64-runtime|/usr/share/doc/mingw-w64-common/copyright"
  "gcc-runtime|/usr/share/doc/gcc-mingw-w64-base/copyright")
foreach(entry ${kosim_licences})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 file)
  if(EXISTS ${file})
    install(FILES ${file} DESTINATION licences RENAME ${name}.txt)
  endif()
endforeach()
