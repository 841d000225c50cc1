# app/: the command line, the environment and flag mode live in libapp.a,
# so that tests/cli links them without curses; rotwiz is main.c on top,
# choosing a front-end.  Every front-end sits on libcore.a (libcore/local.mk).
noinst_LIBRARIES += libapp.a
libapp_a_CPPFLAGS = $(AM_CPPFLAGS)
libapp_a_SOURCES = \
	app/batch.c app/batch.h \
	app/options.c app/options.h \
	app/setup.c app/setup.h

bin_PROGRAMS += rotwiz
# No $(CURL_LIBS) nor $(READLINE_LIBS): net/libcurl.c and plain/libreadline.c
# load them when first needed (doc/architecture.md "Loading").
rotwiz_CPPFLAGS = $(AM_CPPFLAGS) $(CURSES_CFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS) $(READLINE_CFLAGS)
rotwiz_SOURCES = \
	app/main.c \
	app/manage.c app/manage.h
rotwiz_LDADD = libapp.a libtui.a libplain.a libcore.a libnet.a libnetjson.a libforms.a libcommon.a \
	$(CURSES_LIBS) $(CJSON_LIBS)
