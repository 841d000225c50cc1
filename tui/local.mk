# tui/: the ncurses wizard (libtui.a); plain mode is plain/.
noinst_LIBRARIES += libtui.a
libtui_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURSES_CFLAGS) $(CURL_CFLAGS)
libtui_a_SOURCES = \
	tui/tui.c tui/tui.h \
	tui/bulk.c tui/bulk.h \
	tui/bulk_screens.c \
	tui/flow.c tui/flow.h \
	tui/wizard.c tui/wizard.h \
	tui/keys.c tui/keys.h \
	tui/theme.c tui/theme.h \
	tui/text.c tui/text.h \
	tui/frame.c tui/frame.h \
	tui/step_form.c tui/step_form.h \
	tui/picklist.c tui/picklist.h \
	tui/signin.c tui/signin.h \
	tui/steps.c tui/steps.h \
	tui/review.c tui/review.h \
	tui/result.c tui/result.h \
	tui/manage.c tui/manage.h \
	tui/detail.c tui/detail.h \
	tui/clip.c tui/clip.h

# --demo's sandbox child belongs to the program, not to libapp.a (tests/cli
# links libapp.a and must not start processes).
rotwiz_SOURCES += app/demo.c app/demo.h
# demo.c looks for the sandbox in the install folder when it is not beside rotwiz.
rotwiz_CPPFLAGS += -DROTWIZ_BINDIR='"$(bindir)"'
