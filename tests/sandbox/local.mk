# tests/sandbox: black-box tests of rotwiz-sandbox over HTTP on loopback.
# Each C test starts the real program (under the sanitizers when configured
# with them) and fails when it does not exit 0 cleanly.
SANDBOX_TESTS = \
	tests/sandbox/test-sandbox-process \
	tests/sandbox/test-sandbox-auth \
	tests/sandbox/test-sandbox-lookups \
	tests/sandbox/test-sandbox-create \
	tests/sandbox/test-sandbox-rotations \
	tests/sandbox/test-sandbox-http \
	tests/sandbox/test-sandbox-slowloris

check_PROGRAMS += $(SANDBOX_TESTS)
TESTS += $(SANDBOX_TESTS) tests/sandbox/test-sandbox-helper.sh
dist_check_SCRIPTS += tests/sandbox/test-sandbox-helper.sh

# The tests run the program, so it must be built first.
tests/sandbox/test-sandbox-process.log tests/sandbox/test-sandbox-auth.log \
tests/sandbox/test-sandbox-lookups.log tests/sandbox/test-sandbox-create.log \
tests/sandbox/test-sandbox-rotations.log tests/sandbox/test-sandbox-http.log \
tests/sandbox/test-sandbox-slowloris.log \
tests/sandbox/test-sandbox-helper.log: rotwiz-sandbox$(EXEEXT)

SANDBOX_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS)
SANDBOX_TEST_LDADD = $(CURL_LIBS) $(CJSON_LIBS)
SANDBOX_TEST_CLIENT = tests/sandbox/client.c tests/sandbox/client.h tests/tap.h

tests_sandbox_test_sandbox_process_SOURCES = tests/sandbox/test-sandbox-process.c $(SANDBOX_TEST_CLIENT)
tests_sandbox_test_sandbox_process_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_test_sandbox_process_LDADD = $(SANDBOX_TEST_LDADD)

tests_sandbox_test_sandbox_auth_SOURCES = tests/sandbox/test-sandbox-auth.c $(SANDBOX_TEST_CLIENT)
tests_sandbox_test_sandbox_auth_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_test_sandbox_auth_LDADD = $(SANDBOX_TEST_LDADD)

tests_sandbox_test_sandbox_lookups_SOURCES = tests/sandbox/test-sandbox-lookups.c $(SANDBOX_TEST_CLIENT)
tests_sandbox_test_sandbox_lookups_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_test_sandbox_lookups_LDADD = $(SANDBOX_TEST_LDADD)

tests_sandbox_test_sandbox_create_SOURCES = tests/sandbox/test-sandbox-create.c $(SANDBOX_TEST_CLIENT)
tests_sandbox_test_sandbox_create_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_test_sandbox_create_LDADD = $(SANDBOX_TEST_LDADD)

tests_sandbox_test_sandbox_rotations_SOURCES = tests/sandbox/test-sandbox-rotations.c $(SANDBOX_TEST_CLIENT)
tests_sandbox_test_sandbox_rotations_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_test_sandbox_rotations_LDADD = $(SANDBOX_TEST_LDADD)

tests_sandbox_test_sandbox_http_SOURCES = tests/sandbox/test-sandbox-http.c $(SANDBOX_TEST_CLIENT)
tests_sandbox_test_sandbox_http_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_test_sandbox_http_LDADD = $(SANDBOX_TEST_LDADD)

tests_sandbox_test_sandbox_slowloris_SOURCES = tests/sandbox/test-sandbox-slowloris.c $(SANDBOX_TEST_CLIENT)
tests_sandbox_test_sandbox_slowloris_CPPFLAGS = $(SANDBOX_TEST_CPPFLAGS)
tests_sandbox_test_sandbox_slowloris_LDADD = $(SANDBOX_TEST_LDADD)
