# libcore/: the wizard without a screen -- the one struct app, sign-in, the
# reports' words, the flow's rules.  Links neither curses nor readline;
# tests/layers checks that it needs nothing from a front-end.  Not named
# core/: configure's clean-up runs `rm -f core ... && rm -f confdefs* ...`, and
# a directory called core makes that fail and leaves confdefs.h behind (which
# make distcheck's distcleancheck refuses).
noinst_LIBRARIES += libcore.a
libcore_a_CPPFLAGS = $(AM_CPPFLAGS)
libcore_a_SOURCES = \
	libcore/app.c libcore/app.h \
	libcore/batch.c libcore/batch.h \
	libcore/explain.c libcore/explain.h \
	libcore/export.c libcore/export.h \
	libcore/flow.c libcore/flow.h \
	libcore/help.c libcore/help.h \
	libcore/lists.c libcore/lists.h \
	libcore/lost.c libcore/lost.h \
	libcore/manage.c libcore/manage.h \
	libcore/names.c libcore/names.h \
	libcore/plan.c libcore/plan.h \
	libcore/report.c libcore/report.h \
	libcore/rotate.c libcore/rotate.h \
	libcore/signin.c libcore/signin.h \
	libcore/terraform.c libcore/terraform.h
