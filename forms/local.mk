noinst_LIBRARIES += libforms.a
libforms_a_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
libforms_a_SOURCES = \
	forms/field.c forms/field.h
