# tests/unit: the UI-free core, each test linked only with what it tests.
UNIT_FORMS_TESTS = \
	tests/unit/test-validate \
	tests/unit/test-body \
	tests/unit/test-draft
UNIT_COMMON_TESTS = \
	tests/unit/test-strbuf

check_PROGRAMS += $(UNIT_FORMS_TESTS) $(UNIT_COMMON_TESTS)
TESTS += $(UNIT_FORMS_TESTS) $(UNIT_COMMON_TESTS)

UNIT_DATA_CPPFLAGS = -DRW_TEST_DATA='"$(abs_top_srcdir)/tests/data"'

tests_unit_test_validate_SOURCES = tests/unit/test-validate.c tests/tap.h
tests_unit_test_validate_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_unit_test_validate_LDADD = libforms.a libcommon.a $(CJSON_LIBS)

tests_unit_test_body_SOURCES = tests/unit/test-body.c tests/tap.h
tests_unit_test_body_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS) $(UNIT_DATA_CPPFLAGS)
tests_unit_test_body_LDADD = libforms.a libcommon.a $(CJSON_LIBS)

tests_unit_test_draft_SOURCES = tests/unit/test-draft.c tests/tap.h
tests_unit_test_draft_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
tests_unit_test_draft_LDADD = libforms.a libcommon.a $(CJSON_LIBS)

tests_unit_test_strbuf_SOURCES = tests/unit/test-strbuf.c tests/tap.h
tests_unit_test_strbuf_LDADD = libcommon.a

check_PROGRAMS += tests/unit/test-schedule
TESTS += tests/unit/test-schedule
tests_unit_test_schedule_SOURCES = tests/unit/test-schedule.c tests/tap.h
tests_unit_test_schedule_LDADD = libforms.a libcommon.a

EXTRA_DIST += \
	tests/data/seed-body.json \
	tests/data/valid-body.json

check_PROGRAMS += tests/unit/test-term
TESTS += tests/unit/test-term
tests_unit_test_term_SOURCES = tests/unit/test-term.c tests/tap.h
tests_unit_test_term_LDADD = libcommon.a

check_PROGRAMS += tests/unit/test-explain
TESTS += tests/unit/test-explain
tests_unit_test_explain_SOURCES = tests/unit/test-explain.c tests/tap.h
tests_unit_test_explain_LDADD = libcore.a libcommon.a

check_PROGRAMS += tests/unit/test-plan
TESTS += tests/unit/test-plan
tests_unit_test_plan_SOURCES = tests/unit/test-plan.c tests/tap.h
tests_unit_test_plan_LDADD = libcore.a libnet.a libnetjson.a libforms.a libcommon.a \
	$(CURL_LIBS) $(CJSON_LIBS)
