# tests/plain: plain mode (readline): whole sessions from piped answers
# against a real ./rotwiz-sandbox.

PLAIN_SH_TESTS = \
	tests/plain/session.sh \
	tests/plain/rotate-again.sh \
	tests/plain/decisions.sh \
	tests/plain/machine-identity.sh \
	tests/plain/corrections.sh \
	tests/plain/input-end.sh \
	tests/plain/prompts.sh \
	tests/plain/tty.sh \
	tests/plain/server-words.sh \
	tests/plain/plan.sh \
	tests/plain/help.sh \
	tests/plain/rotate-at.sh \
	tests/plain/type-ahead.sh \
	tests/plain/draft-origin.sh \
	tests/plain/draft-files.sh \
	tests/plain/review-files.sh \
	tests/plain/manage.sh \
	tests/plain/manage-reveal.sh

TESTS += $(PLAIN_SH_TESTS)
dist_check_SCRIPTS += $(PLAIN_SH_TESTS)
EXTRA_DIST += tests/plain/lib.sh
