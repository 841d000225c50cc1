# tests/plain: plain mode (readline).  The schedule rule alone in C; whole
# sessions from piped answers against a real ./rotwiz-sandbox in shell.
check_PROGRAMS += tests/plain/test-schedule
tests_plain_test_schedule_SOURCES = tests/plain/test-schedule.c tests/tap.h
# plain_schedule.o is all it takes from libplain.a: no readline, no curl.
tests_plain_test_schedule_LDADD = libplain.a

PLAIN_SH_TESTS = \
	tests/plain/session.sh \
	tests/plain/machine-identity.sh \
	tests/plain/corrections.sh \
	tests/plain/input-end.sh \
	tests/plain/tty.sh

TESTS += tests/plain/test-schedule $(PLAIN_SH_TESTS)
dist_check_SCRIPTS += $(PLAIN_SH_TESTS)
EXTRA_DIST += tests/plain/lib.sh
