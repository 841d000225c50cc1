# tests/net: net/http.c + net/api.c against a scripted fake server and a
# real rotwiz-sandbox (built by `make all`, which `make check` runs first).
# No $(CURL_LIBS): the tests load libcurl as rotwiz does (net/libcurl.c).
NET_TEST_LIBS = libnet.a libnetjson.a libforms.a libcommon.a $(CJSON_LIBS)
NET_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)

check_PROGRAMS += tests/net/test-http-wire tests/net/test-api-sandbox tests/net/test-api-faults \
	tests/net/test-url
TESTS += tests/net/test-http-wire tests/net/test-api-sandbox tests/net/test-api-faults \
	tests/net/test-url

tests_net_test_http_wire_SOURCES = tests/net/test-http-wire.c tests/net/harness.h
tests_net_test_http_wire_CPPFLAGS = $(NET_TEST_CPPFLAGS)
tests_net_test_http_wire_LDADD = $(NET_TEST_LIBS)

tests_net_test_api_sandbox_SOURCES = tests/net/test-api-sandbox.c tests/net/harness.h tests/net/world.h
tests_net_test_api_sandbox_CPPFLAGS = $(NET_TEST_CPPFLAGS)
tests_net_test_api_sandbox_LDADD = $(NET_TEST_LIBS)

tests_net_test_api_faults_SOURCES = tests/net/test-api-faults.c tests/net/harness.h tests/net/world.h
tests_net_test_api_faults_CPPFLAGS = $(NET_TEST_CPPFLAGS)
tests_net_test_api_faults_LDADD = $(NET_TEST_LIBS)

# The one loopback rule: the URL normaliser and http.c's check agree.
tests_net_test_url_SOURCES = tests/net/test-url.c
tests_net_test_url_LDADD = $(NET_TEST_LIBS)

# The list cache's prefetch of app lists (libcore/lists.c) against the sandbox.
check_PROGRAMS += tests/net/test-lists
TESTS += tests/net/test-lists
tests_net_test_lists_SOURCES = tests/net/test-lists.c tests/net/harness.h tests/net/world.h
tests_net_test_lists_CPPFLAGS = $(NET_TEST_CPPFLAGS)
tests_net_test_lists_LDADD = libcore.a $(NET_TEST_LIBS)
