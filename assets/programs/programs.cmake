# The lecture's example programs (assets/programs/*.c) as Windows executables, for `kosim record`.
#
#   include(<kosim>/assets/programs/programs.cmake)
#   kosim_add_lecture_programs(${CMAKE_BINARY_DIR})   # -> ${CMAKE_BINARY_DIR}/programs/*.exe
#
# Meant for a project that targets Windows (mingw-w64 cross build, e.g. with
# native/cmake/mingw-w64.cmake, or MSVC). One target per program, named kosim-program-<name>,
# whose output file is exactly <name>.exe; all of them are in the target kosim-lecture-programs.
# They are plain C and linked statically (no mingw or MSVC runtime DLLs), so they run under Wine.

# C must be enabled at file scope (enable_language may not be called inside a function).
get_property(_kosim_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
if(NOT "C" IN_LIST _kosim_languages)
  enable_language(C)
endif()
unset(_kosim_languages)

set_property(GLOBAL PROPERTY KOSIM_LECTURE_PROGRAMS_DIR "${CMAKE_CURRENT_LIST_DIR}")

function(kosim_add_lecture_programs OUTPUT_DIR)
  if(NOT WIN32)
    message(FATAL_ERROR "kosim_add_lecture_programs: the lecture programs are Win32 programs; "
                        "configure this project for Windows (e.g. -DCMAKE_TOOLCHAIN_FILE=native/cmake/mingw-w64.cmake)")
  endif()
  get_property(source_dir GLOBAL PROPERTY KOSIM_LECTURE_PROGRAMS_DIR)
  get_filename_component(output_dir "${OUTPUT_DIR}/programs" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  set(programs
    mailslot_receiver mailslot_sender
    inherit_parent inherit_child
    pipe_parent_bug pipe_parent_fixed pipe_child
    named_pipe_server named_pipe_client
    env_parent env_child)

  if(NOT TARGET kosim-lecture-programs)
    add_custom_target(kosim-lecture-programs)
  endif()
  foreach(name IN LISTS programs)
    set(target kosim-program-${name})
    add_executable(${target} "${source_dir}/${name}.c")
    set_target_properties(${target} PROPERTIES
      OUTPUT_NAME ${name}
      # the $<0:> keeps multi-config generators from adding a Debug/ or Release/ directory
      RUNTIME_OUTPUT_DIRECTORY "${output_dir}$<0:>")
    if(MSVC)
      set_target_properties(${target} PROPERTIES
        MSVC_RUNTIME_LIBRARY "MultiThreaded$<$<CONFIG:Debug>:Debug>")
      target_compile_definitions(${target} PRIVATE _CRT_SECURE_NO_WARNINGS)
      target_compile_options(${target} PRIVATE /W3)
    else()
      target_compile_options(${target} PRIVATE -Wall -Wextra)
      target_link_options(${target} PRIVATE -static)
    endif()
    add_dependencies(kosim-lecture-programs ${target})
  endforeach()
endfunction()
