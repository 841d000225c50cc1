# core/: the wizard without a screen -- the one struct app, sign-in, the
# reports' words, the flow's rules.  Links neither curses nor readline;
# tests/layers checks that it needs nothing from a front-end.
noinst_LIBRARIES += libcore.a
libcore_a_CPPFLAGS = $(AM_CPPFLAGS)
libcore_a_SOURCES = \
	core/app.c core/app.h \
	core/flow.c core/flow.h \
	core/lists.c core/lists.h \
	core/report.c core/report.h \
	core/signin.c core/signin.h
