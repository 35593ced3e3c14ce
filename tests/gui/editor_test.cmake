# `kosim screenshot --edited`: the editor with a typed text that has an error, over a built-in whose
# run stays on screen. Must exit 0 and write a PNG of the size asked for that is not blank; an
# edited file that cannot be read exits 1 and writes nothing. Variables: KOSIM, CHECKER, XVFB_RUN, OUT_DIR.
file(MAKE_DIRECTORY ${OUT_DIR})
set(edited ${OUT_DIR}/edited-typo.kos)
file(WRITE ${edited} "process Receiver\nReceiver: hSlot = CreateMailSlot(\"\\\\\\\\.\\\\mailslot\\\\demo\", 0, MAILSLOT_WAIT_FOREVER)\n")
set(out ${OUT_DIR}/editor-01-ko.png)
file(REMOVE ${out})
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1920x1080x24" ${KOSIM} screenshot 01-handle-table-basics --step 1 --edited ${edited}
          --lang ko --out ${out}
  RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT rc EQUAL 0 OR NOT EXISTS ${out})
  message(FATAL_ERROR "kosim screenshot --edited exited with ${rc} (file written: ${out}):\n${output}")
endif()
execute_process(COMMAND ${CHECKER} ${out} 1280 720 RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${output}")
endif()

set(missing_out ${OUT_DIR}/editor-missing.png)
file(REMOVE ${missing_out})
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1920x1080x24" ${KOSIM} screenshot 01-handle-table-basics --edited ${OUT_DIR}/no-such-file.kos
          --out ${missing_out}
  RESULT_VARIABLE rc OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT rc EQUAL 1 OR EXISTS ${missing_out} OR NOT output MATCHES "no-such-file.kos")
  message(FATAL_ERROR "kosim screenshot --edited with a missing file: exit ${rc}, expected 1 with its name and no PNG:\n${output}")
endif()
