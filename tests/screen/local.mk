# tests/screen: the curses wizard in a real terminal (tmux), driven by keys
# and read back as text, against a real ./rotwiz-sandbox; and the key table.
check_PROGRAMS += tests/screen/test-keys
tests_screen_test_keys_SOURCES = tests/screen/test-keys.c tests/tap.h
tests_screen_test_keys_CPPFLAGS = $(AM_CPPFLAGS) $(CURSES_CFLAGS)
# keys.o alone: the table and the help line use curses' key codes, no curses calls.
tests_screen_test_keys_LDADD = libtui.a

# The list's filter and the text helpers; picklist.o draws, so curses links.
check_PROGRAMS += tests/screen/test-picklist
tests_screen_test_picklist_SOURCES = tests/screen/test-picklist.c tests/tap.h
tests_screen_test_picklist_CPPFLAGS = $(AM_CPPFLAGS) $(CURSES_CFLAGS)
tests_screen_test_picklist_LDADD = libtui.a libcommon.a $(CURSES_LIBS)

# For tests/screen/measure.sh: time to the first frame and peak memory on a pty.
check_PROGRAMS += tests/screen/first-frame
tests_screen_first_frame_SOURCES = tests/screen/first-frame.c
# posix_openpt() and friends are X/Open.
tests_screen_first_frame_CPPFLAGS = $(AM_CPPFLAGS) -D_XOPEN_SOURCE=600

SCREEN_SH_TESTS = \
	tests/screen/happy-path.sh \
	tests/screen/bulk.sh \
	tests/screen/rotate-again.sh \
	tests/screen/manage.sh \
	tests/screen/decisions.sh \
	tests/screen/refusals.sh \
	tests/screen/outcome.sh \
	tests/screen/navigation.sh \
	tests/screen/machine-identity.sh \
	tests/screen/server-fault.sh \
	tests/screen/resize.sh \
	tests/screen/draft.sh \
	tests/screen/no-color.sh \
	tests/screen/demo.sh \
	tests/screen/loads.sh \
	tests/screen/lazy-load.sh \
	tests/screen/type-ahead.sh \
	tests/screen/connection-change.sh \
	tests/screen/folder-exists.sh \
	tests/screen/signin.sh \
	tests/screen/server-words.sh \
	tests/screen/hostile.sh \
	tests/screen/plan.sh \
	tests/screen/words.sh \
	tests/screen/fields.sh \
	tests/screen/result-stays.sh \
	tests/screen/draft-origin.sh \
	tests/screen/draft-files.sh \
	tests/screen/review-files.sh \
	tests/screen/free-names.sh \
	tests/screen/one-key-a-step.sh \
	tests/screen/large.sh \
	tests/screen/large-load.sh \
	tests/screen/pictures.sh

# The whole screens pictures.sh compares with (ROTWIZ_UPDATE_PICTURES=1 rewrites them).
SCREEN_PICTURES = \
	tests/screen/pictures/sign-in.txt \
	tests/screen/pictures/rotation.txt \
	tests/screen/pictures/where.txt \
	tests/screen/pictures/connection.txt \
	tests/screen/pictures/azure-app.txt \
	tests/screen/pictures/schedule.txt \
	tests/screen/pictures/secret-names.txt \
	tests/screen/pictures/quit.txt \
	tests/screen/pictures/review.txt \
	tests/screen/pictures/result.txt

TESTS += tests/screen/test-keys tests/screen/test-picklist $(SCREEN_SH_TESTS)
dist_check_SCRIPTS += $(SCREEN_SH_TESTS)
EXTRA_DIST += tests/screen/lib.sh tests/screen/measure.sh tests/screen/measure-manage.sh $(SCREEN_PICTURES)
