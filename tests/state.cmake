# State database (issue 6): incremental re-sweep, location/policy invalidation, diff, resume
# after SIGKILL/SIGTERM, the single-writer lock — each through the real binary on generated
# files (tests/scanner/state_e2e.py). Debian's python3 has the sqlite3 module the tests use.
find_program(DATASWEEP_STATE_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT DATASWEEP_STATE_PYTHON)
  find_program(DATASWEEP_STATE_PYTHON NAMES python3 REQUIRED)
endif()
foreach(t resweep placement diff kill lock)
  add_test(NAME state.${t}
    COMMAND ${DATASWEEP_STATE_PYTHON} ${CMAKE_SOURCE_DIR}/tests/scanner/state_e2e.py
            $<TARGET_FILE:datasweep> ${t})
  set_tests_properties(state.${t} PROPERTIES TIMEOUT 600)
endforeach()
