# Process isolation (issue 8): parser crashes, hangs, runaway allocations and dying workers cost
# only their file; no orphan workers. See tests/isolation/run_isolation.py.
find_program(DS_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT DS_PYTHON3)
  find_program(DS_PYTHON3 NAMES python3 REQUIRED)
endif()
foreach(case crashes orphans off hook-off usage)
  add_test(NAME isolation.${case}
           COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/isolation/run_isolation.py
                   $<TARGET_FILE:datasweep> ${CMAKE_BINARY_DIR}/isolation-out ${case})
  set_tests_properties(isolation.${case} PROPERTIES TIMEOUT 180)
endforeach()
