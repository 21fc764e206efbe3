# Fuzzer crashers as regression tests in every build (issue 8): each folder
# tests/fuzz/regressions/<target>/ is replayed through tests/fuzz/<target>_fuzzer.cc, linked with
# a plain main() (tests/fuzz/replay_main.cc) instead of libFuzzer, so no clang is needed. A
# target's own checks abort on a violation, which fails the test; under the asan preset the
# sanitizers watch the replay too.
set(_fuzz_dir ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
file(GLOB _regression_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS ${_fuzz_dir}/regressions/*)
foreach(_dir ${_regression_dirs})
  get_filename_component(_target ${_dir} NAME)
  if(NOT IS_DIRECTORY ${_dir} OR NOT EXISTS ${_fuzz_dir}/${_target}_fuzzer.cc)
    continue()
  endif()
  if(NOT TARGET ds_fuzz_replay_support)
    add_library(ds_fuzz_replay_support STATIC ${_fuzz_dir}/fuzz_support.cc ${_fuzz_dir}/replay_main.cc)
    target_link_libraries(ds_fuzz_replay_support PUBLIC ds_extractors ds_classifiers)
  endif()
  add_executable(${_target}_replay ${_fuzz_dir}/${_target}_fuzzer.cc)
  target_link_libraries(${_target}_replay PRIVATE ds_fuzz_replay_support)
  add_test(NAME "fuzz-regressions: ${_target}" COMMAND ${_target}_replay ${_dir})
  set_tests_properties("fuzz-regressions: ${_target}" PROPERTIES TIMEOUT 300 LABELS fuzz)
endforeach()
