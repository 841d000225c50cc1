# plain/: plain mode (readline), a front-end on libcore.a beside tui/.
noinst_LIBRARIES += libplain.a
libplain_a_CPPFLAGS = $(AM_CPPFLAGS) $(READLINE_CFLAGS) $(CURL_CFLAGS)
libplain_a_SOURCES = \
	plain/plain.c plain/plain.h \
	plain/fields.c \
	plain/io.c plain/io.h \
	plain/libreadline.c plain/libreadline.h \
	plain/load.c plain/load.h \
	plain/manage.c \
	plain/pick.c plain/pick.h \
	plain/review.c \
	plain/session.c plain/session.h \
	plain/signin.c \
	plain/steps.h
