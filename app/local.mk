bin_PROGRAMS += rotwiz
rotwiz_CPPFLAGS = $(AM_CPPFLAGS) $(CURSES_CFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS) $(READLINE_CFLAGS)
rotwiz_SOURCES = \
	app/app.h \
	app/main.c
rotwiz_LDADD = libforms.a libcommon.a \
	$(CURSES_LIBS) $(CURL_LIBS) $(CJSON_LIBS) $(READLINE_LIBS)
