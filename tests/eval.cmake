# Accuracy suite (issue 4): generate the labelled corpus, then score datasweep on it with the
# accuracy bars of SPEC §7 / issue 4; and check the trust policies stay UNRESTRICTED.
# The generator needs Debian's python3 (python3-openpyxl, -docx, -reportlab, -pil, zip, p7zip):
# prefer /usr/bin/python3 over a pyenv shim that lacks those modules.
find_program(DS_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT DS_PYTHON3)
  find_program(DS_PYTHON3 NAMES python3 REQUIRED)
endif()

set(DS_CORPUS_DIR ${CMAKE_BINARY_DIR}/corpus-out)
add_test(NAME corpus.generate
         COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/corpus/generate.py ${DS_CORPUS_DIR}
                 --seed 20260301)
set_tests_properties(corpus.generate PROPERTIES FIXTURES_SETUP ds_corpus TIMEOUT 300)

add_test(NAME corpus.selftest
         COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/eval/eval_selftest.py ${DS_CORPUS_DIR})
set_tests_properties(corpus.selftest PROPERTIES FIXTURES_REQUIRED ds_corpus TIMEOUT 300)

# The issue-4 bars are accuracy 0.98, RESTRICTED recall 1.0, UNRESTRICTED precision 0.97,
# violation F1 0.97, leaks 0. DS_ACCURACY_* hold the bars CI enforces today: a ratchet at what
# the scanner measurably reaches, raised as extractors and detectors land, never lowered.
# Measured (seed 20260301): accuracy 1.0, RESTRICTED recall 1.0, UNRESTRICTED precision 1.0,
# violation F1 1.0, leaks 0 (docs/accuracy.md).
set(DS_ACCURACY_MIN 0.99)
set(DS_RESTRICTED_RECALL_MIN 1.0)
set(DS_UNRESTRICTED_PRECISION_MIN 0.99)
set(DS_VIOLATION_F1_MIN 0.99)
add_test(NAME corpus.accuracy
         COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/eval/eval.py
                 ${DS_CORPUS_DIR}/manifest.jsonl --binary $<TARGET_FILE:datasweep>
                 --out ${CMAKE_BINARY_DIR}/corpus-eval
                 --json ${CMAKE_BINARY_DIR}/corpus-eval/metrics.json
                 --min-accuracy ${DS_ACCURACY_MIN} --min-restricted-recall ${DS_RESTRICTED_RECALL_MIN}
                 --min-unrestricted-precision ${DS_UNRESTRICTED_PRECISION_MIN}
                 --min-violation-f1 ${DS_VIOLATION_F1_MIN} --max-leaks 0)
set_tests_properties(corpus.accuracy PROPERTIES FIXTURES_REQUIRED ds_corpus TIMEOUT 900)

# The trust policies live beside the checkout (../shared), or two levels up for a worktree.
set(DS_POLICIES_DIR ${CMAKE_SOURCE_DIR}/../shared/policies)
if(NOT EXISTS ${DS_POLICIES_DIR} AND EXISTS ${CMAKE_SOURCE_DIR}/../../shared/policies)
  set(DS_POLICIES_DIR ${CMAKE_SOURCE_DIR}/../../shared/policies)
endif()
add_test(NAME policies.unrestricted
         COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/eval/check_policies.py
                 --binary $<TARGET_FILE:datasweep>
                 --policies ${DS_POLICIES_DIR})
set_tests_properties(policies.unrestricted PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

# Out-of-distribution probe: files in styles the corpus generator never writes (other MIS header
# spellings, forms as tables, letters, rotas, minutes); fails on any misclassified file.
add_test(NAME corpus.ood
         COMMAND ${DS_PYTHON3} ${CMAKE_SOURCE_DIR}/tests/eval/ood_probe.py
                 ${CMAKE_BINARY_DIR}/ood-probe --binary $<TARGET_FILE:datasweep>)
set_tests_properties(corpus.ood PROPERTIES TIMEOUT 300)
