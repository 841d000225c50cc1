# tui/plain.mk: plain mode (readline); owned by the plain-mode teammate.
noinst_LIBRARIES += libplain.a
libplain_a_CPPFLAGS = $(AM_CPPFLAGS) $(READLINE_CFLAGS) $(CJSON_CFLAGS) $(CURL_CFLAGS)
libplain_a_SOURCES = \
	tui/plain.c tui/plain.h \
	tui/plain_fields.c \
	tui/plain_io.c tui/plain_io.h \
	tui/plain_load.c tui/plain_load.h \
	tui/plain_pick.c tui/plain_pick.h \
	tui/plain_review.c \
	tui/plain_session.c tui/plain_session.h \
	tui/plain_signin.c \
	tui/plain_steps.h
