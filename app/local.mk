# app/: the command line, environment, sign-in, batch run and reports live in
# libapp.a, so that tests/cli links them without curses; rotwiz is main.c
# on top.  libapp.a comes after the front-ends (they call signin_* and
# report_*) and before net, which it calls.
noinst_LIBRARIES += libapp.a
libapp_a_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
libapp_a_SOURCES = \
	app/app.c app/app.h \
	app/batch.c app/batch.h \
	app/options.c app/options.h \
	app/report.c app/report.h \
	app/setup.c app/setup.h \
	app/signin.c app/signin.h

bin_PROGRAMS += rotwiz
rotwiz_CPPFLAGS = $(AM_CPPFLAGS) $(CURSES_CFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS) $(READLINE_CFLAGS)
rotwiz_SOURCES = \
	app/main.c
rotwiz_LDADD = libtui.a libplain.a libapp.a libnet.a libnetjson.a libforms.a libcommon.a \
	$(CURSES_LIBS) $(CURL_LIBS) $(CJSON_LIBS) $(READLINE_LIBS)
