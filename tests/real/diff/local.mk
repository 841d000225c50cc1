# tests/real/diff: the differential test, the real Infisical server against
# rotwiz-sandbox (issue 8).  Run by `make check-real`, not by `make check`.
REAL_TESTS += tests/real/diff/run.sh
check_PROGRAMS += tests/real/diff/rw-diff
tests_real_diff_rw_diff_SOURCES = tests/real/diff/rw-diff.c
tests_real_diff_rw_diff_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS)
tests_real_diff_rw_diff_LDADD = libcommon.a $(CURL_LIBS) $(CJSON_LIBS)
EXTRA_DIST += tests/real/diff/run.sh tests/real/diff/requests.txt tests/real/diff/allow.txt
