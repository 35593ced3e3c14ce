# Release packages with CPack. On Linux: kosim_<version>_amd64.deb (`cpack -G DEB` in build/); for
# Windows: a zip of kosim.exe and what it needs (`cpack` in build/windows/kosim, the mingw-w64 build, or
# an MSVC build; its contents are listed in windows/windows_program.cmake). scripts/package.sh makes both.
set(KOSIM_PACKAGE_MAINTAINER "kosim developers <kosim@example.org>" CACHE STRING
    "the packages' maintainer (the .deb's Maintainer field and debian changelog)")
set(CPACK_PACKAGE_NAME kosim)
set(CPACK_PACKAGE_VENDOR kosim)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${KOSIM_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Windows kernel-object simulator and visualizer")
set(CPACK_PACKAGE_HOMEPAGE_URL "")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)

if(WIN32)
  set(CPACK_GENERATOR ZIP)
  set(CPACK_PACKAGE_FILE_NAME kosim-${PROJECT_VERSION}-windows-x64)
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)   # one folder, kosim-<version>-windows-x64/, as students unzip it
else()
  set(CPACK_GENERATOR DEB)
  # /usr/bin/kosim; kosim-native.exe (`kosim crosscheck`), kosim-record.exe and kosim-hook.dll
  # (`kosim record`) for Wine in /usr/lib/kosim (platform::native_runner looks there); the built-in
  # scenarios are compiled in, the files are examples.
  install(TARGETS kosim RUNTIME DESTINATION bin)
  if(TARGET kosim_native)
    get_filename_component(native_dir ${KOSIM_NATIVE_EXE} DIRECTORY)
    install(PROGRAMS ${KOSIM_NATIVE_EXE} ${native_dir}/kosim-record.exe DESTINATION lib/kosim)
    install(FILES ${native_dir}/kosim-hook.dll DESTINATION lib/kosim)
  endif()
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/scenarios/ DESTINATION share/kosim/scenarios FILES_MATCHING PATTERN "*.kos")
  # Debian policy 12.5 and 12.7: copyright and a compressed changelog in /usr/share/doc/<package>.
  string(TIMESTAMP KOSIM_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)   # honours SOURCE_DATE_EPOCH
  set(KOSIM_VERSION ${PROJECT_VERSION})
  set(KOSIM_MAINTAINER ${KOSIM_PACKAGE_MAINTAINER})
  configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/changelog ${PROJECT_BINARY_DIR}/packaging/changelog @ONLY)
  configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/kosim.1 ${PROJECT_BINARY_DIR}/packaging/kosim.1 @ONLY)
  execute_process(COMMAND gzip -9nf ${PROJECT_BINARY_DIR}/packaging/changelog ${PROJECT_BINARY_DIR}/packaging/kosim.1)
  install(FILES ${PROJECT_BINARY_DIR}/packaging/kosim.1.gz DESTINATION share/man/man1)
  install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.gz ${PROJECT_SOURCE_DIR}/packaging/debian/copyright
                ${PROJECT_SOURCE_DIR}/README.md
          DESTINATION share/doc/kosim)

  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # kosim_<version>_amd64.deb
  set(CPACK_DEBIAN_PACKAGE_SECTION education)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # libglfw3, libfontconfig1, libstb0, libstdc++6... from dpkg-shlibdeps
  # The Korean interface needs a Hangul font (fontconfig finds NanumGothic); the cross-check needs Wine.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-nanum")
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "wine")
  # The extended description under the summary line (CPack indents each line for debian/control).
  set(CPACK_PACKAGE_DESCRIPTION "kosim shows Windows kernel objects, per-process handle tables and usage
counts change one Win32 call at a time, in English and Korean, for teaching
Windows system programming. Scenarios are small text files: the command line
runs and checks them, the window steps through them forwards and backwards,
and kosim crosscheck compares the model with real Win32 under Wine.")
endif()
include(CPack)
