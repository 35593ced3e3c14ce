# kosim.exe screenshot under Wine (on the Wine session's Xvfb display): exit 0, a PNG of the size asked
# for that is not blank. Variables: KOSIM (kosim.exe), CHECKER (kosim_png_check), WINE, OUT.
file(REMOVE ${OUT})
execute_process(
  COMMAND ${WINE} ${KOSIM} screenshot 02-creation-vs-inheritance --step 4
          --lang ko --size 1280x720 --out ${OUT}
  RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wine kosim.exe screenshot exited with ${rc}:\n${output}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "wine kosim.exe screenshot wrote no file ${OUT}:\n${output}")
endif()
execute_process(COMMAND ${CHECKER} ${OUT} 1280 720 RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${output}")
endif()
message(STATUS "${output}")
