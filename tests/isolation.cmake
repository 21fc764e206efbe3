# Process isolation (issue 8): parser crashes, hangs, runaway allocations and dying workers cost
# only their file; no orphan workers. See tests/isolation/run_isolation.py.
find_program(DS_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT DS_PYTHON3)
  find_program(DS_PYTHON3 NAMES python3 REQUIRED)
endif()
foreach(case crashes orphans off hook-off usage threads)
  add_test(NAME isolation.${case}
           COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/isolation/run_isolation.py
                   $<TARGET_FILE:datasweep> ${CMAKE_BINARY_DIR}/isolation-out ${case})
  set_tests_properties(isolation.${case} PROPERTIES TIMEOUT 180)
endforeach()

# Isolation changes who parses, never what is reported: the labelled corpus (corpus.generate)
# gives identical records with --isolation auto and off. The overhead figures in
# docs/hardening.md come from the same script without --check-only.
add_test(NAME isolation.equivalence
         COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/isolation/measure_overhead.py
                 $<TARGET_FILE:datasweep> ${CMAKE_BINARY_DIR}/corpus-out --check-only)
set_tests_properties(isolation.equivalence PROPERTIES FIXTURES_REQUIRED ds_corpus TIMEOUT 300)
