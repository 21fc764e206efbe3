# Hostile-input suite (issue 8): the corpus is generated once per build dir by a FIXTURES_SETUP
# test (make_hostile.py skips regeneration when nothing changed), then every case is scanned by
# the real binary and checked against tests/hostile/expectations.json.
# HOSTILE_BIG=1 makes the 1 GiB line / 2 GiB PDF bomb variants; HOSTILE_TIME_SCALE scales bounds.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(_hostile_dir ${CMAKE_SOURCE_DIR}/tests/hostile)
  set(_hostile_corpus ${CMAKE_BINARY_DIR}/hostile_corpus)
  add_test(NAME hostile_generate
           COMMAND ${Python3_EXECUTABLE} ${_hostile_dir}/make_hostile.py ${_hostile_corpus})
  set_tests_properties(hostile_generate PROPERTIES FIXTURES_SETUP hostile_corpus TIMEOUT 900
                       LABELS hostile)
  add_test(NAME hostile_run
           COMMAND ${Python3_EXECUTABLE} ${_hostile_dir}/run_hostile.py $<TARGET_FILE:datasweep>
                   ${_hostile_corpus} --work ${CMAKE_BINARY_DIR}/hostile_runs)
  set_tests_properties(hostile_run PROPERTIES FIXTURES_REQUIRED hostile_corpus TIMEOUT 3600
                       LABELS hostile)
  add_test(NAME hostile_readonly
           COMMAND ${Python3_EXECUTABLE} ${_hostile_dir}/readonly_test.py $<TARGET_FILE:datasweep>
                   ${CMAKE_BINARY_DIR}/hostile_readonly)
  set_tests_properties(hostile_readonly PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
                       LABELS hostile)
  add_test(NAME hostile_output_faults
           COMMAND ${Python3_EXECUTABLE} ${_hostile_dir}/output_faults_test.py $<TARGET_FILE:datasweep>
                   ${CMAKE_BINARY_DIR}/hostile_output_faults)
  set_tests_properties(hostile_output_faults PROPERTIES TIMEOUT 300 LABELS hostile)
endif()
