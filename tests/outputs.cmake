# Output formats (csv, sarif, html), packaging and the man page. write_sample_reports writes the
# three reports from synthetic records (tests/outputs/sample_records.cc) into build/outputs; the
# script tests then read them back with independent tools: Python's csv module, the SARIF 2.1.0
# JSON schema (python3-jsonschema), headless Chromium. The man-page test runs the real binary.
# Debian's python3 is preferred: the apt packages (jsonschema, PIL) are installed for it.
find_program(DATASWEEP_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT DATASWEEP_PYTHON)
  find_program(DATASWEEP_PYTHON NAMES python3 REQUIRED)
endif()
set(outputs_src ${CMAKE_SOURCE_DIR}/tests/outputs)
set(outputs_dir ${CMAKE_BINARY_DIR}/outputs)

if(TARGET outputs_tests)
  target_sources(outputs_tests PRIVATE ${outputs_src}/sample_records.cc)
endif()

add_executable(write_sample_reports ${outputs_src}/write_sample_reports.cc
  ${outputs_src}/sample_records.cc)
target_link_libraries(write_sample_reports PRIVATE ds_cli)

add_test(NAME outputs.write_sample_reports COMMAND write_sample_reports ${outputs_dir})
set_tests_properties(outputs.write_sample_reports PROPERTIES FIXTURES_SETUP outputs_reports)

add_test(NAME outputs.csv_parse
  COMMAND ${DATASWEEP_PYTHON} ${outputs_src}/check_csv.py ${outputs_dir})
add_test(NAME outputs.sarif_schema
  COMMAND ${DATASWEEP_PYTHON} ${outputs_src}/check_sarif.py ${outputs_dir}
          ${outputs_src}/schemas/sarif-2.1.0-rtm.5.json)
add_test(NAME outputs.html_chromium
  COMMAND ${DATASWEEP_PYTHON} ${outputs_src}/check_html.py ${outputs_dir} ${CMAKE_BINARY_DIR})
set_tests_properties(outputs.csv_parse outputs.sarif_schema outputs.html_chromium PROPERTIES
  FIXTURES_REQUIRED outputs_reports TIMEOUT 300)
set_tests_properties(outputs.html_chromium PROPERTIES SKIP_RETURN_CODE 77 RUN_SERIAL TRUE)

# The man page documents every long option `datasweep scan --help` prints, and renders cleanly.
add_test(NAME outputs.man_page_options
  COMMAND ${DATASWEEP_PYTHON} ${outputs_src}/check_man_page.py $<TARGET_FILE:datasweep>
          ${CMAKE_SOURCE_DIR}/docs/datasweep.1)
# The systemd units parse (systemd-analyze verify) and keep the hardening the README promises.
add_test(NAME outputs.systemd_units
  COMMAND ${DATASWEEP_PYTHON} ${outputs_src}/check_packaging.py ${CMAKE_SOURCE_DIR}/packaging)
set_tests_properties(outputs.systemd_units PROPERTIES SKIP_RETURN_CODE 77)

# End to end through the real binary: a synthetic tree with planted values, scanned into every
# format and re-rendered with `datasweep report`; no output may hold a planted raw value.
add_test(NAME outputs.end_to_end_no_raw_values
  COMMAND ${DATASWEEP_PYTHON} ${outputs_src}/check_end_to_end.py $<TARGET_FILE:datasweep>
          ${CMAKE_BINARY_DIR}/outputs_e2e ${outputs_src}/schemas/sarif-2.1.0-rtm.5.json)
set_tests_properties(outputs.end_to_end_no_raw_values PROPERTIES TIMEOUT 300)
