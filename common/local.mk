noinst_LIBRARIES += libcommon.a
libcommon_a_SOURCES = \
	common/status.c common/status.h \
	common/strbuf.c common/strbuf.h \
	common/secret.c common/secret.h \
	common/term.c common/term.h \
	common/clock.c common/clock.h \
	common/dynlib.c common/dynlib.h
