# tests/unit/response.mk: net/response.c unit tests, and its fuzz target.
# test-response links only with the JSON half of net/ (no libcurl).
RESPONSE_DATA_CPPFLAGS = -DRW_RESPONSE_DATA='"$(abs_top_srcdir)/tests/data/responses"'

check_PROGRAMS += tests/unit/test-response tests/unit/test-fuzz-corpus
TESTS += tests/unit/test-response tests/unit/test-fuzz-corpus

tests_unit_test_response_SOURCES = tests/unit/test-response.c tests/tap.h
tests_unit_test_response_CPPFLAGS = $(AM_CPPFLAGS) $(RESPONSE_DATA_CPPFLAGS)
tests_unit_test_response_LDADD = libnetjson.a libforms.a libcommon.a $(CJSON_LIBS)

# The fuzz entry with a main() of its own: runs over the sample replies and
# mutations of them in every `make check`, no libFuzzer needed.
tests_unit_test_fuzz_corpus_SOURCES = tests/fuzz/fuzz-response.c tests/tap.h
tests_unit_test_fuzz_corpus_CPPFLAGS = $(AM_CPPFLAGS) $(RESPONSE_DATA_CPPFLAGS)
tests_unit_test_fuzz_corpus_LDADD = libnetjson.a libforms.a libcommon.a $(CJSON_LIBS)

if ENABLE_FUZZ
# The real libFuzzer target (CC=clang ./configure --enable-fuzz).  response.c
# is compiled into it directly so that the parser carries the fuzzer's
# coverage instrumentation whatever CFLAGS libnetjson.a was built with.
noinst_PROGRAMS += tests/fuzz/fuzz-response
tests_fuzz_fuzz_response_SOURCES = tests/fuzz/fuzz-response.c net/response.c net/response.h
tests_fuzz_fuzz_response_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS) -DRW_FUZZ_LIBFUZZER
tests_fuzz_fuzz_response_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_response_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_response_LDADD = libforms.a libcommon.a $(CJSON_LIBS)
endif

EXTRA_DIST += \
	tests/fuzz/response.dict \
	tests/data/responses/azure-clients.json \
	tests/data/responses/connections-available.json \
	tests/data/responses/error-400-name-conflict.json \
	tests/data/responses/error-400-plan-create.json \
	tests/data/responses/error-400-plan-get.json \
	tests/data/responses/error-400-plan-list.json \
	tests/data/responses/error-403-permission.json \
	tests/data/responses/error-404-secret-path.json \
	tests/data/responses/error-404-unknown-route.json \
	tests/data/responses/error-422-validation.json \
	tests/data/responses/error-429.json \
	tests/data/responses/error-500-broken-json.json \
	tests/data/responses/error-500-create-database.json \
	tests/data/responses/folders.json \
	tests/data/responses/generated-credentials.json \
	tests/data/responses/login.json \
	tests/data/responses/projects.json \
	tests/data/responses/proxy-502.html \
	tests/data/responses/rotation-created.json \
	tests/data/responses/rotation-list.json \
	tests/data/responses/secrets-v4.json
