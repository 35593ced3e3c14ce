# kosim_korean_catalogue(ROOT OUTPUT): the custom command that compiles ROOT/po/ko.po into the C++
# table OUTPUT (cmake/po_to_cpp.cmake: CMake alone, no Python or gettext, on Linux, mingw-w64 or MSVC).
# Used by sim/ and by native/project (the mingw-w64 build of kosim-native.exe).
function(kosim_korean_catalogue root output)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${root}/po/ko.po -DOUTPUT=${output} -P ${root}/cmake/po_to_cpp.cmake
    DEPENDS ${root}/po/ko.po ${root}/cmake/po_to_cpp.cmake
    COMMENT "Compiling the Korean catalogue po/ko.po"
    VERBATIM)
endfunction()
