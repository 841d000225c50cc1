# tests/cli: the command line, the environment, sign-in, the batch run and
# the reports.  C tests link libapp.a or libcore.a and only what it needs; the shell
# tests run ./rotwiz, most of them against a real ./rotwiz-sandbox.
check_PROGRAMS += \
	tests/cli/test-options \
	tests/cli/test-report \
	tests/cli/test-names \
	tests/cli/test-signin \
	tests/cli/test-manage \
	tests/cli/json-equal \
	tests/cli/json-get

tests_cli_test_options_SOURCES = tests/cli/test-options.c
tests_cli_test_options_LDADD = libapp.a libcore.a libforms.a libcommon.a $(CJSON_LIBS)

tests_cli_test_report_SOURCES = tests/cli/test-report.c
tests_cli_test_report_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_cli_test_report_LDADD = libcore.a libnetjson.a libforms.a libcommon.a $(CJSON_LIBS)

tests_cli_test_names_SOURCES = tests/cli/test-names.c
tests_cli_test_names_LDADD = libcore.a libnetjson.a libforms.a libcommon.a $(CJSON_LIBS)

# Sign-in makes the session, so this one links net (which loads libcurl itself).
tests_cli_test_signin_SOURCES = tests/cli/test-signin.c
tests_cli_test_signin_LDADD = libapp.a libcore.a libnet.a libnetjson.a libforms.a libcommon.a \
	$(CJSON_LIBS)

# libcore/manage.c makes calls too (resolve, the lost-reply lookups), so net links.
tests_cli_test_manage_SOURCES = tests/cli/test-manage.c
tests_cli_test_manage_LDADD = libcore.a libnet.a libnetjson.a libforms.a libcommon.a \
	$(CJSON_LIBS)

tests_cli_json_equal_SOURCES = tests/cli/json-equal.c
tests_cli_json_equal_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_cli_json_equal_LDADD = $(CJSON_LIBS)

tests_cli_json_get_SOURCES = tests/cli/json-get.c
tests_cli_json_get_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_cli_json_get_LDADD = $(CJSON_LIBS)

CLI_SH_TESTS = \
	tests/cli/usage.sh \
	tests/cli/dry-run.sh \
	tests/cli/create.sh \
	tests/cli/faults.sh \
	tests/cli/outcome.sh \
	tests/cli/plan.sh \
	tests/cli/tls.sh \
	tests/cli/rotate-at-local.sh \
	tests/cli/manage.sh \
	tests/cli/hostile.sh \
	tests/cli/batch.sh

TESTS += \
	tests/cli/test-options \
	tests/cli/test-report \
	tests/cli/test-names \
	tests/cli/test-signin \
	tests/cli/test-manage \
	$(CLI_SH_TESTS)

dist_check_SCRIPTS += $(CLI_SH_TESTS)
EXTRA_DIST += tests/cli/lib.sh tests/cli/hcl2json.js
