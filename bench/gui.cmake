# The GUI frame benchmark (included by bench/CMakeLists.txt when the GUI is built).
if(TARGET kosim_gui)
  find_package(benchmark REQUIRED)
  add_executable(kosim_gui_frame_bench ${CMAKE_CURRENT_LIST_DIR}/gui_frame_bench.cpp)
  target_link_libraries(kosim_gui_frame_bench PRIVATE kosim_gui kosim_warnings benchmark::benchmark)
endif()
